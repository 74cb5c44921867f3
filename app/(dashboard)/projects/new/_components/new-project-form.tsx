"use client";
import { useRouter } from "next/navigation";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { createProjectAction } from "../actions";

export function NewProjectForm() {
  const router = useRouter();
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(createProjectAction, { onSuccess: (data) => router.push(`/p/${data.slug}/settings/api-keys`) });
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      <Field id="name" label="Project name" errors={fieldErrors?.name}>
        {(describedBy) => <input id="name" name="name" required className={inputClass} aria-invalid={Boolean(fieldErrors?.name)} aria-describedby={describedBy} />}
      </Field>
      <FormActions submitLabel="Create project" pending={pending} onCancel={() => router.back()} />
    </form>
  );
}
