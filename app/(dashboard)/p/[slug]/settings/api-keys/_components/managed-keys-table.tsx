"use client";
import type { KeyRow } from "@/lib/keys/queries";
import { KeyRowMenu } from "./key-row-menu";
import { KeysTable } from "./keys-table";
import { useKeyCommands } from "./use-key-commands";
import type { KeysSorting } from "./column-sort";
import type { ChannelOption } from "./key-settings-fields";

/** The table with row menus and their dialogs, for owners and admins. */
export function ManagedKeysTable({ keys, projectSlug, channels, sorting }: { keys: KeyRow[]; projectSlug: string; channels: ChannelOption[]; sorting?: KeysSorting }) {
  const { run, dialogs, error } = useKeyCommands({ projectSlug, channels });
  return (
    <>
      {error && <div className="mb-3">{error}</div>}
      <KeysTable keys={keys} projectSlug={projectSlug} sorting={sorting} actions={(key) => <KeyRowMenu apiKey={key} onCommand={run} />} />
      {dialogs}
    </>
  );
}
