"use client";
import { useState } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
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
      <TextField
        id="channel-name"
        name="name"
        label="Name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugEdited) setSlug(slugify(e.target.value));
        }}
        errors={fieldErrors?.name}
      />
      <TextField
        id="channel-slug"
        name="slug"
        label="Slug"
        hint="Lowercase letters, digits and dashes. It cannot change later."
        value={slug}
        onChange={(e) => {
          setSlug(e.target.value);
          setSlugEdited(true);
        }}
        className="font-mono"
        errors={fieldErrors?.slug}
      />
      <FormActions submitLabel="Create" pending={pending} onCancel={onDone} />
    </form>
  );
}
