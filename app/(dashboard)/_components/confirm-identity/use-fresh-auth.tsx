"use client";
import { useCallback, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ConfirmIdentityDialog } from "./confirm-identity-dialog";

/**
 * Sudo mode in the UI: `withFreshAuth(action)` calls the action; when the server answers
 * `reauthentication_required`, it asks "Confirm it's you" and, once confirmed, calls it again
 * with the same input. Render `confirmDialog` once next to the control that uses it.
 */
export function useFreshAuth() {
  const [asking, setAsking] = useState(false);
  const settle = useRef<((confirmed: boolean) => void) | null>(null);

  const confirm = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        settle.current = resolve;
        setAsking(true);
      }),
    [],
  );

  const withFreshAuth = useCallback(
    <A extends unknown[], T>(action: (...args: A) => Promise<ActionResult<T>>) =>
      async (...args: A): Promise<ActionResult<T>> => {
        const first = await action(...args);
        if (first.ok || first.error.code !== "reauthentication_required") return first;
        return (await confirm()) ? action(...args) : first;
      },
    [confirm],
  );

  const onDone = useCallback((confirmed: boolean) => {
    setAsking(false);
    settle.current?.(confirmed);
    settle.current = null;
  }, []);

  return { withFreshAuth, confirmDialog: <ConfirmIdentityDialog open={asking} onDone={onDone} /> };
}
