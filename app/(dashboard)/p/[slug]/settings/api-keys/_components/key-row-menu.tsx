"use client";
import { RowMenu } from "@/components/row-menu";
import type { KeyRow } from "@/lib/keys/queries";
import { keyCommands, type KeyCommand } from "./key-commands";

/** The row menu "Actions for <name>"; it offers only what the key's state allows. */
export function KeyRowMenu({ apiKey, onCommand }: { apiKey: KeyRow; onCommand: (command: KeyCommand, key: KeyRow) => void }) {
  const items = keyCommands(apiKey).map(({ command, label, danger }) => ({ label, danger, onSelect: () => onCommand(command, apiKey) }));
  return <RowMenu label={`Actions for ${apiKey.name}`} items={items} />;
}
