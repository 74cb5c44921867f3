"use client";
import { useActionState, useCallback, useEffect, useRef, useState, startTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useToast } from "./toast";

const HIDDEN_FIELDS = new Set(["id", "projectSlug", "version", "from", "form", "token"]);

type Action<T> = (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/** After a refused submit the focus goes where the person must act: the first invalid field, else the form's error. */
function focusTheProblem(form: HTMLFormElement) {
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  const message = form.querySelector<HTMLElement>('[role="alert"]') ?? form.closest('[role="dialog"], main')?.querySelector<HTMLElement>('[role="alert"]');
  const target = invalid ?? message;
  if (!target) return;
  if (target === message && !target.hasAttribute("tabindex")) target.tabIndex = -1;
  // Centred, so a dialog's sticky footer does not cover it.
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
}

/**
 * useActionState, submitted from onSubmit rather than the form's `action` prop, so React does not
 * reset the form: after an error the person's input stays where they typed it. Also
 * calls `onSuccess` (with the data and the submitted FormData) once per successful submission.
 * `select` picks what is sent from the form's values (an edit form sends only what changed).
 * `toast` confirms a success in the page's live region (SPEC §6: every mutation confirms itself);
 * a refusal moves the focus to the first invalid field or the form's error message. `check` runs
 * before submitting: the field errors it returns are shown as the server's would be, and nothing
 * is sent (the server checks again).
 */
export function useFormAction<T>(
  action: Action<T>,
  {
    onSuccess,
    select,
    toast: successMessage,
    check,
  }: {
    onSuccess?: (data: T, submitted: FormData) => void;
    select?: (form: FormData) => FormData;
    toast?: string | ((data: T) => string);
    check?: (form: FormData) => Record<string, string[]> | undefined;
  } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [checked, setChecked] = useState<{ fieldErrors: Record<string, string[]> } | null>(null);
  const submitted = useRef<FormData | null>(null);
  const formElement = useRef<HTMLFormElement | null>(null);
  const toast = useToast();
  const latest = useRef({ onSuccess, successMessage });
  latest.current = { onSuccess, successMessage };
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      if (!submitted.current) return;
      const { onSuccess: succeeded, successMessage: message } = latest.current;
      succeeded?.(state.data, submitted.current);
      if (message) toast(typeof message === "function" ? message(state.data) : message);
    } else if (!state.error.conflict && formElement.current?.isConnected) {
      // A conflict's notice takes the focus to its own "Reload".
      focusTheProblem(formElement.current);
    }
  }, [state, toast]);
  useEffect(() => {
    if (checked && formElement.current?.isConnected) focusTheProblem(formElement.current);
  }, [checked]);
  const onSubmit = useCallback(
    (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      formElement.current = event.currentTarget;
      const values = new FormData(event.currentTarget);
      const refused = check?.(values);
      setChecked(refused ? { fieldErrors: refused } : null);
      if (refused) return;
      const form = select ? select(values) : values;
      submitted.current = form;
      startTransition(() => dispatch(form));
    },
    [dispatch, select, check],
  );
  const fieldErrors = checked ? checked.fieldErrors : state && !state.ok ? state.error.fieldErrors : undefined;
  // Errors on hidden inputs (a forged id, the project) have no field to sit under: show them on top.
  const hiddenFieldError = fieldErrors && Object.entries(fieldErrors).find(([field]) => HIDDEN_FIELDS.has(field))?.[1][0];
  const formError = state && !state.ok ? (fieldErrors ? hiddenFieldError : state.error.message) : undefined;
  // A stale edit's refusal (SPEC §6): who changed the object and when, for a notice with "Reload".
  const conflict = state && !state.ok ? state.error.conflict : undefined;
  return { state, onSubmit, pending, fieldErrors, formError, conflict };
}
