"use client";
import { useRouter } from "next/navigation";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/use-form-action";
import { createProjectAction } from "../actions";

export function NewProjectForm() {
  const router = useRouter();
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(createProjectAction, { onSuccess: (data) => router.push(`/p/${data.slug}/settings/api-keys`) });
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={formError} />
      <TextField id="name" label="Project name" required errors={fieldErrors?.name} />
      <FormActions submitLabel="Create project" pending={pending} onCancel={() => router.back()} />
    </form>
  );
}
