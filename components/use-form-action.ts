"use client";
import { useActionState, useCallback, useEffect, useRef, startTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

const HIDDEN_FIELDS = new Set(["id", "projectSlug", "version", "from", "form", "token"]);

type Action<T> = (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/**
 * useActionState, submitted from onSubmit rather than the form's `action` prop, so React does not
 * reset the form: after an error the person's input stays where they typed it. Also
 * calls `onSuccess` (with the data and the submitted FormData) once per successful submission.
 * `select` picks what is sent from the form's values (an edit form sends only what changed).
 */
export function useFormAction<T>(
  action: Action<T>,
  { onSuccess, select }: { onSuccess?: (data: T, submitted: FormData) => void; select?: (form: FormData) => FormData } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const submitted = useRef<FormData | null>(null);
  const onSuccessRef = useRef(onSuccess);
  onSuccessRef.current = onSuccess;
  useEffect(() => {
    if (state?.ok && submitted.current) onSuccessRef.current?.(state.data, submitted.current);
  }, [state]);
  const onSubmit = useCallback(
    (event: React.FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const values = new FormData(event.currentTarget);
      const form = select ? select(values) : values;
      submitted.current = form;
      startTransition(() => dispatch(form));
    },
    [dispatch, select],
  );
  const fieldErrors = state && !state.ok ? state.error.fieldErrors : undefined;
  // Errors on hidden inputs (a forged id, the project) have no field to sit under: show them on top.
  const hiddenFieldError = fieldErrors && Object.entries(fieldErrors).find(([field]) => HIDDEN_FIELDS.has(field))?.[1][0];
  const formError = state && !state.ok ? (fieldErrors ? hiddenFieldError : state.error.message) : undefined;
  // A stale edit's refusal (SPEC §6): who changed the object and when, for a notice with "Reload".
  const conflict = state && !state.ok ? state.error.conflict : undefined;
  return { state, onSubmit, pending, fieldErrors, formError, conflict };
}
