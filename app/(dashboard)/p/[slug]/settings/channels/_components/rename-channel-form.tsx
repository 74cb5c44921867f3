"use client";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { ConflictNotice } from "@/components/conflict-notice";
import { useFormAction } from "@/components/use-form-action";
import { useReloadable, type Reload } from "@/components/use-reloadable";
import { currentChannelAction, renameChannelAction } from "../actions";

type EditedChannel = { id: string; name: string; version: number };
type Props = { channel: EditedChannel; projectSlug: string; onDone: () => void };

/** Carries the channel's version as opened: a rename over someone else's is refused, with "Reload" (SPEC §6). */
export function RenameChannelForm({ channel, projectSlug, onDone }: Props) {
  const { value, loads, reload } = useReloadable(channel, () => currentChannelAction(null, { projectSlug, id: channel.id }));
  return <RenameForm key={loads} channel={value} projectSlug={projectSlug} onDone={onDone} reloaded={loads > 0} reload={reload} />;
}

function RenameForm({ channel, projectSlug, onDone, reloaded, reload }: Props & { reloaded: boolean; reload: Reload }) {
  const { onSubmit, pending, fieldErrors, formError, conflict } = useFormAction(renameChannelAction, { onSuccess: () => onDone(), toast: "Channel renamed." });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="projectSlug" value={projectSlug} />
      <input type="hidden" name="id" value={channel.id} />
      <input type="hidden" name="version" value={channel.version} />
      {conflict ? <ConflictNotice what="channel" conflict={conflict} onReload={reload.run} reloading={reload.pending} reloadError={reload.error} /> : <FormError message={formError} />}
      {/* After "Reload" the button is gone: the field takes the focus rather than the page. */}
      <TextField id="rename-channel-name" name="name" label="Name" defaultValue={channel.name} autoFocus={reloaded} errors={fieldErrors?.name} />
      <FormActions submitLabel="Save" pending={pending} onCancel={onDone} />
    </form>
  );
}
