import type { KeyRow } from "@/lib/keys/queries";

export type KeyCommand = "edit" | "rotate" | "reveal" | "disable" | "enable" | "revoke" | "delete";
export type KeyCommandItem = { command: KeyCommand; label: string; danger: boolean };

/**
 * What a key's state allows, in the order shown: the row menu and the key page's header read this
 * one list. A replaced key is not rotated again; only a live key is disabled, only a disabled one enabled.
 */
export function keyCommands(key: Pick<KeyRow, "status" | "replacedBy" | "revealable">): KeyCommandItem[] {
  const live = key.status !== "revoked";
  const item = (command: KeyCommand, label: string, danger = false): KeyCommandItem => ({ command, label, danger });
  return [
    live && item("edit", "Edit"),
    key.status === "active" && !key.replacedBy && item("rotate", "Rotate"),
    key.revealable && item("reveal", "Reveal"),
    key.status === "active" && item("disable", "Disable"),
    key.status === "disabled" && item("enable", "Enable"),
    live && item("revoke", "Revoke", true),
    item("delete", "Delete", true),
  ].filter((i): i is KeyCommandItem => Boolean(i));
}

/** In its rotation's grace period: replaced, and still working until `expiresAt`. */
export const inGracePeriod = (key: Pick<KeyRow, "status" | "replacedBy" | "expiresAt">): key is typeof key & { expiresAt: Date } =>
  key.status === "active" && key.replacedBy !== null && key.expiresAt !== null;
