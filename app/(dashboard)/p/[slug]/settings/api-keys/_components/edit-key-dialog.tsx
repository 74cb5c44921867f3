"use client";
import { useEffect, useMemo } from "react";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { ConflictNotice } from "@/components/conflict-notice";
import { useChangedFields } from "@/components/use-changed-fields";
import { useReloadable, type Reload } from "@/components/use-reloadable";
import { useFormAction } from "@/components/use-form-action";
import type { KeyRole } from "@/lib/permissions";
import type { KeyRow } from "@/lib/keys/queries";
import { currentKeyAction, updateKeyAction } from "../actions";
import { KeySettingsFields, type ChannelOption } from "./key-settings-fields";
import { RateLimitField } from "./rate-limit-field";
import { KeyRestrictionsFields } from "./key-restrictions-fields";
import { checkKeyForm, withQuotaPeriod } from "./restriction-form";

type Props = { apiKey: KeyRow | null; onClose: () => void; projectSlug: string; channels: ChannelOption[] };

export function EditKeyDialog({ apiKey, onClose, projectSlug, channels }: Props) {
  return (
    <Dialog open={apiKey !== null} onOpenChange={(open) => !open && onClose()} title="Edit API key" description="The key's value does not change. New settings apply on its very next request." wide>
      {apiKey && <EditKeySession key={apiKey.id} apiKey={apiKey} onClose={onClose} projectSlug={projectSlug} channels={channels} />}
    </Dialog>
  );
}

/** The key as the form was opened, or as last reloaded: its values fill the form, its version goes with the save. */
function EditKeySession({ apiKey, ...props }: Props & { apiKey: KeyRow }) {
  const { value, loads, reload } = useReloadable(apiKey, () => currentKeyAction(null, { projectSlug: props.projectSlug, id: apiKey.id }));
  return <EditKeyForm key={loads} {...props} apiKey={value} reloaded={loads > 0} reload={reload} />;
}

type FormProps = Omit<Props, "apiKey"> & { apiKey: KeyRow; reloaded: boolean; reload: Reload };

function EditKeyForm({ apiKey, onClose, projectSlug, channels, reloaded, reload }: FormProps) {
  const { formRef, onlyChanged } = useChangedFields();
  const select = useMemo(() => withQuotaPeriod(onlyChanged), [onlyChanged]);
  const { onSubmit, pending, fieldErrors, formError, conflict } = useFormAction(updateKeyAction, {
    onSuccess: () => onClose(),
    select,
    check: checkKeyForm,
    toast: `Key “${apiKey.name}” saved.`,
  });
  // Reload replaced the form (and the button with it): focus its first field rather than the page.
  useEffect(() => {
    if (reloaded) formRef.current?.querySelector<HTMLInputElement>("input:not([type=hidden])")?.focus();
  }, [reloaded, formRef]);
  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={apiKey.id} />
      <input type="hidden" name="version" value={apiKey.version} />
      {conflict ? <ConflictNotice what="key" conflict={conflict} onReload={reload.run} reloading={reload.pending} reloadError={reload.error} /> : <FormError message={formError} />}
      {reloaded && (
        <p role="status" className="text-sm text-zinc-600">
          The form now shows the key as it is.
        </p>
      )}
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
      <KeyRestrictionsFields
        idPrefix="edit"
        publishable={apiKey.kind === "pk"}
        errors={fieldErrors}
        defaults={{ allowedIps: apiKey.allowedIps, ipReportOnly: apiKey.ipReportOnly, allowedOrigins: apiKey.allowedOrigins, quota: apiKey.quota, quotaPeriod: apiKey.quotaPeriod }}
      />
      <FormActions submitLabel="Save" pending={pending} onCancel={onClose} />
    </form>
  );
}
