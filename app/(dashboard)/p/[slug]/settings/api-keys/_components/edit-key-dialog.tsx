"use client";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import type { KeyRole } from "@/lib/permissions";
import type { KeyRow } from "@/lib/keys/queries";
import { updateKeyAction } from "../actions";
import { KeySettingsFields, type ChannelOption } from "./key-settings-fields";
import { RateLimitField } from "./rate-limit-field";

type Props = { apiKey: KeyRow | null; onClose: () => void; projectSlug: string; channels: ChannelOption[] };

export function EditKeyDialog({ apiKey, onClose, projectSlug, channels }: Props) {
  return (
    <Dialog open={apiKey !== null} onOpenChange={(open) => !open && onClose()} title="Edit API key" description="The key's value does not change. New settings apply on its very next request." wide>
      {apiKey && <EditKeyForm key={apiKey.id} apiKey={apiKey} onClose={onClose} projectSlug={projectSlug} channels={channels} />}
    </Dialog>
  );
}

function EditKeyForm({ apiKey, onClose, projectSlug, channels }: Props & { apiKey: KeyRow }) {
  const { onSubmit, pending, fieldErrors, formError } = useFormAction(updateKeyAction, { onSuccess: () => onClose() });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={apiKey.id} />
      <FormError message={formError} />
      <KeySettingsFields
        idPrefix="edit"
        projectSlug={projectSlug}
        channels={channels}
        kind={apiKey.kind as "pk" | "sk"}
        errors={fieldErrors}
        defaults={{
          name: apiKey.name,
          description: apiKey.description,
          role: apiKey.role as KeyRole,
          permissions: apiKey.permissions,
          scope: apiKey.scope as "all" | "channels",
          channels: apiKey.channels.map((c) => c.id),
        }}
      />
      <RateLimitField id="edit-rate-limit" defaultValue={apiKey.rateLimit} errors={fieldErrors?.rateLimit} />
      <FormActions submitLabel="Save" pending={pending} onCancel={onClose} />
    </form>
  );
}
