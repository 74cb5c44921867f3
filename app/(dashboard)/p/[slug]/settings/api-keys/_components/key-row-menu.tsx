"use client";
import { DropdownMenu } from "radix-ui";
import type { KeyRow } from "@/lib/keys/queries";

export type KeyCommand = "edit" | "reveal" | "revoke" | "delete";

const item = "cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100";

/** The row menu "Actions for <name>"; it offers only what the key's state allows. */
export function KeyRowMenu({ apiKey, onCommand }: { apiKey: KeyRow; onCommand: (command: KeyCommand, key: KeyRow) => void }) {
  const active = apiKey.status !== "revoked";
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        aria-label={`Actions for ${apiKey.name}`}
        className="rounded-md px-2 py-1 text-lg leading-none text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
      >
        ⋯
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-36 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          {active && (
            <DropdownMenu.Item className={item} onSelect={() => onCommand("edit", apiKey)}>
              Edit
            </DropdownMenu.Item>
          )}
          {apiKey.revealable && (
            <DropdownMenu.Item className={item} onSelect={() => onCommand("reveal", apiKey)}>
              Reveal
            </DropdownMenu.Item>
          )}
          {active && (
            <DropdownMenu.Item className={`${item} text-red-700`} onSelect={() => onCommand("revoke", apiKey)}>
              Revoke
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Item className={`${item} text-red-700`} onSelect={() => onCommand("delete", apiKey)}>
            Delete
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
