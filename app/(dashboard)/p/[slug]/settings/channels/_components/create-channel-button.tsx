"use client";
import { useEffect, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import { slugify } from "@/lib/validation";
import { createChannelAction } from "../actions";

export function CreateChannelButton({ projectSlug }: { projectSlug: string }) {
  const [open, setOpen] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <Button
        onClick={() => {
          setGeneration((g) => g + 1);
          setOpen(true);
        }}
      >
        <span aria-hidden="true">+</span> Create channel
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Create channel" description="Recipients join channels; keys can be scoped to them.">
        <CreateChannelForm key={generation} projectSlug={projectSlug} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function CreateChannelForm({ projectSlug, onDone }: { projectSlug: string; onDone: () => void }) {
  const { state, onSubmit, pending, fieldErrors, formError } = useFormAction(createChannelAction);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  useEffect(() => {
    if (state?.ok) onDone();
  }, [state, onDone]);
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
      <div className="flex justify-end gap-3 pt-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          Create
        </Button>
      </div>
    </form>
  );
}
