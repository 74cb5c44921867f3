"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import type { KeyRow } from "@/lib/keys/queries";
import { keyCommands } from "../../_components/key-commands";
import { useKeyCommands } from "../../_components/use-key-commands";
import type { ChannelOption } from "../../_components/key-settings-fields";

/** The key page's header bar: the row menu's actions as buttons, with the same dialogs. Deleting goes back to the list. */
export function KeyActionsBar({ apiKey, projectSlug, channels }: { apiKey: KeyRow; projectSlug: string; channels: ChannelOption[] }) {
  const router = useRouter();
  const { run, dialogs, error } = useKeyCommands({
    projectSlug,
    channels,
    onDeleted: () => router.replace(`/p/${projectSlug}/settings/api-keys`),
  });
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div role="group" aria-label="Key actions" className="flex flex-wrap gap-2">
        {keyCommands(apiKey).map(({ command, label, danger }) => (
          <Button key={command} size="sm" variant="secondary" className={danger ? "!text-red-700 hover:!bg-red-50" : undefined} onClick={() => run(command, apiKey)}>
            {label}
          </Button>
        ))}
      </div>
      {error}
      {dialogs}
    </div>
  );
}
