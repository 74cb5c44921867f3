"use client";
import { useCallback, useEffect, useRef } from "react";

/** Fields every edit sends: which object, which project, and the version the form was opened at. */
const ALWAYS_SENT = new Set(["projectSlug", "id", "version"]);

/** "permissions.users" belongs to "permissions", "channels[]" to "channels". */
const groupOf = (name: string) => name.split(".")[0].replace(/\[\]$/, "");

function groups(form: FormData): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const group = groupOf(name);
    out.set(group, [...(out.get(group) ?? []), `${name}=${value}`]);
  }
  return new Map([...out].map(([group, values]) => [group, JSON.stringify(values)]));
}

/**
 * For conflict-safe edit forms (SPEC §6): remembers the form's values as it was opened and, on
 * submit, keeps only the groups of fields the person changed, plus which object and which version.
 * A changed group left with no value (every channel unchecked) is sent as "" under its bare name,
 * so the server tells "emptied" from "unchanged".
 */
export function useChangedFields() {
  const formRef = useRef<HTMLFormElement>(null);
  const opened = useRef<Map<string, string> | null>(null);
  useEffect(() => {
    if (formRef.current) opened.current = groups(new FormData(formRef.current));
  }, []);
  const onlyChanged = useCallback((form: FormData) => {
    const before = opened.current;
    if (!before) return form;
    const now = groups(form);
    const sent = new FormData();
    for (const [name, value] of form.entries()) {
      const group = groupOf(name);
      if (ALWAYS_SENT.has(name) || now.get(group) !== before.get(group)) sent.append(name, value);
    }
    for (const group of before.keys()) if (!now.has(group)) sent.append(group, "");
    return sent;
  }, []);
  return { formRef, onlyChanged };
}
