"use client";
import { useState } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { slugify } from "@/lib/validation";
import { createChannelAction } from "../actions";

/** Name and slug; the slug follows the name until the person edits it. */
export function CreateChannelForm({ projectSlug, onDone }: { projectSlug: string; onDone: () => void }) {
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(createChannelAction, { onSuccess: () => onDone(), toast: () => `Channel “${name.trim()}” created.` });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <FormError message={formError} />
      <Field id="channel-name" label="Name" errors={fieldErrors?.name}>
        {(describedBy) => (
          <input
            id="channel-name"
            name="name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugEdited) setSlug(slugify(e.target.value));
            }}
            className={inputClass}
            aria-invalid={Boolean(fieldErrors?.name)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field id="channel-slug" label="Slug" hint="Lowercase letters, digits and dashes. It cannot change later." errors={fieldErrors?.slug}>
        {(describedBy) => (
          <input
            id="channel-slug"
            name="slug"
            value={slug}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugEdited(true);
            }}
            className={`${inputClass} font-mono`}
            aria-invalid={Boolean(fieldErrors?.slug)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <FormActions submitLabel="Create" pending={pending} onCancel={onDone} />
    </form>
  );
}
