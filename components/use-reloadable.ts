"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

export type Reload = { run: () => void; pending: boolean; error?: string };

/**
 * An object as an edit form opened it, until "Reload" reads it again (SPEC §6). Held in state, so
 * a list refreshing behind the form does not move its values or its version. `loads` counts the
 * reloads: a form keyed by it starts afresh with the new values.
 */
export function useReloadable<T>(opened: T, load: () => Promise<ActionResult<T>>) {
  const [current, setCurrent] = useState({ value: opened, loads: 0 });
  const [pending, startReload] = useTransition();
  const [error, setError] = useState<string>();
  const run = () =>
    startReload(async () => {
      const result = await load();
      if (result.ok) setCurrent(({ loads }) => ({ value: result.data, loads: loads + 1 }));
      setError(result.ok ? undefined : result.error.message);
    });
  return { value: current.value, loads: current.loads, reload: { run, pending, error } satisfies Reload };
}
