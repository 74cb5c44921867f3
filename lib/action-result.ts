import { ZodError } from "zod";
import { DomainError, EditConflict } from "@/lib/errors";

// What every server action returns (STYLE §6): results, not exceptions.
export type ActionError = { code: string; message: string; fieldErrors?: Record<string, string[]>; conflict?: EditConflictDetails };
/** A stale form's refusal (SPEC §6): who made the latest change and when (ISO 8601), for the form to show with "Reload". */
export type EditConflictDetails = { by: string | null; at: string | null };
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: ActionError };

/** FormData → plain object; "name[]" fields become arrays, "group.field" fields nest one level. */
export function formToObject(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = input.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = key.endsWith("[]") ? values : values[0];
  }
  for (const key of Object.keys(out)) {
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = out[key];
      delete out[key];
    }
  }
  // "permissions.users" → { permissions: { users } }: one level of nesting for grouped fields.
  for (const key of Object.keys(out)) {
    const [group, field, ...rest] = key.split(".");
    if (!field || rest.length || ["__proto__", "constructor", "prototype"].includes(group) || ["__proto__", "constructor", "prototype"].includes(field)) continue;
    const target = (out[group] ??= {}) as Record<string, unknown>;
    if (typeof target === "object" && target !== null && !Array.isArray(target)) target[field] = out[key];
    delete out[key];
  }
  return out;
}

export function failure(code: string, message: string, fieldErrors?: Record<string, string[]>): ActionResult<never> {
  return { ok: false, error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
}

export function resultOf(error: unknown): ActionResult<never> {
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const field = issue.path.map(String).join(".") || "form";
      (fieldErrors[field] ??= []).push(issue.message);
    }
    return failure("validation_failed", "Check the highlighted fields.", fieldErrors);
  }
  if (error instanceof EditConflict) {
    return { ok: false, error: { code: error.code, message: error.message, conflict: { by: error.changedBy, at: error.changedAt?.toISOString() ?? null } } };
  }
  if (error instanceof DomainError) {
    return failure(error.code, error.message, error.field ? { [error.field]: [error.message] } : undefined);
  }
  // Name and code only: an ORM message can echo the arguments of the failed call.
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  console.error(`server action failed: ${name ?? typeof error}${code ? ` (${code})` : ""}`);
  return failure("internal", "Something went wrong. Please try again.");
}
