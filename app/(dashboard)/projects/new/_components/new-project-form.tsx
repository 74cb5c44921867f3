"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { createProjectAction } from "../actions";

export function NewProjectForm() {
  const router = useRouter();
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(createProjectAction);
  useEffect(() => {
    if (state?.ok) router.push(`/p/${state.data.slug}/settings/api-keys`);
  }, [state, router]);
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      <Field id="name" label="Project name" errors={fieldErrors?.name}>
        {(describedBy) => <input id="name" name="name" required className={inputClass} aria-invalid={Boolean(fieldErrors?.name)} aria-describedby={describedBy} />}
      </Field>
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          Create project
        </Button>
      </div>
    </form>
  );
}
