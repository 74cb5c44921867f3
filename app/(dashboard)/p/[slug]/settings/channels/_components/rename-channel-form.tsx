"use client";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FormError, inputClass } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import type { ChannelRow } from "@/lib/channels/queries";
import { renameChannelAction } from "../actions";

export function RenameChannelForm({ channel, projectSlug, onDone }: { channel: ChannelRow; projectSlug: string; onDone: () => void }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(renameChannelAction, { onSuccess: () => onDone() });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={channel.id} />
      <FormError message={formError} />
      <Field id="rename-channel-name" label="Name" errors={fieldErrors?.name}>
        {(describedBy) => <input id="rename-channel-name" name="name" defaultValue={channel.name} className={inputClass} aria-invalid={Boolean(fieldErrors?.name)} aria-describedby={describedBy} />}
      </Field>
      <FormActions submitLabel="Save" pending={pending} onCancel={onDone} />
    </form>
  );
}
