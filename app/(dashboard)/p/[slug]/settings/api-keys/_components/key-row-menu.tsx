"use client";
import { RowMenu, type RowMenuItem } from "@/components/row-menu";
import type { KeyRow } from "@/lib/keys/queries";

export type KeyCommand = "edit" | "rotate" | "reveal" | "revoke" | "delete";

/** The row menu "Actions for <name>"; it offers only what the key's state allows. */
export function KeyRowMenu({ apiKey, onCommand }: { apiKey: KeyRow; onCommand: (command: KeyCommand, key: KeyRow) => void }) {
  const active = apiKey.status !== "revoked";
  const rotatable = apiKey.status === "active" && !apiKey.replacedBy;
  const item = (label: string, command: KeyCommand, danger = false): RowMenuItem => ({ label, danger, onSelect: () => onCommand(command, apiKey) });
  const items = [
    active && item("Edit", "edit"),
    rotatable && item("Rotate", "rotate"),
    apiKey.revealable && item("Reveal", "reveal"),
    active && item("Revoke", "revoke", true),
    item("Delete", "delete", true),
  ].filter((i): i is RowMenuItem => Boolean(i));
  return <RowMenu label={`Actions for ${apiKey.name}`} items={items} />;
}
