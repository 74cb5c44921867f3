"use client";
import Link from "next/link";
import { useState } from "react";
import { Checkbox } from "radix-ui";
import { KEY_ROLES, ROLE_INFO, type KeyRole } from "@/lib/permissions";
import { CustomPermissionsMatrix } from "./custom-permissions-matrix";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { TextField } from "@/components/ui/text-field";

export type ChannelOption = { id: string; slug: string; name: string };

type Values = { name: string; description: string; role: KeyRole; scope: "all" | "channels"; channels: string[]; permissions: Partial<Record<string, string>> | null };

type Props = {
  idPrefix: string;
  projectSlug: string;
  channels: ChannelOption[];
  defaults?: Partial<Values>;
  /** When editing, the key's kind fixes which roles it may take. */
  kind?: "pk" | "sk";
  errors?: Record<string, string[]>;
};

const SCOPES = [
  { value: "all", label: "All recipients", description: "Messages may address every recipient in the project." },
  { value: "channels", label: "Channel scoped", description: "Only recipients in the channels you choose." },
] as const;

/** Name, description, role and channel scope: the settings a key has from creation to edit. */
export function KeySettingsFields({ idPrefix, projectSlug, channels, defaults, kind, errors }: Props) {
  const [role, setRole] = useState<KeyRole>(defaults?.role ?? "support");
  const [scope, setScope] = useState<"all" | "channels">(defaults?.scope ?? "all");
  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <div className="space-y-5">
      <TextField id={id("name")} name="name" label="Name" errors={errors?.name} hint="Say where it is used, e.g. “Checkout backend”." defaultValue={defaults?.name} />
      <Field id={id("description")} label="Description" errors={errors?.description}>
        {(describedBy) => (
          <textarea
            id={id("description")}
            name="description"
            rows={2}
            defaultValue={defaults?.description}
            className={inputClass}
            aria-invalid={Boolean(errors?.description)}
            aria-describedby={describedBy}
          />
        )}
      </Field>

      <RadioCards
        idPrefix={id("role")}
        name="role"
        legend="Role"
        hint={
          kind &&
          (kind === "pk" ? "This is a publishable key: it can only have the Client role. Create a secret key for more access." : "This is a secret key: it cannot become a publishable Client key.")
        }
        options={KEY_ROLES.map((r) => ({
          value: r,
          label: ROLE_INFO[r].label,
          badge: <span className="ml-2 rounded bg-zinc-100 px-1 font-mono text-[11px] text-zinc-700">lk_{ROLE_INFO[r].kind}</span>,
          description: ROLE_INFO[r].description,
          disabled: kind !== undefined && ROLE_INFO[r].kind !== kind,
        }))}
        value={role}
        onValueChange={setRole}
        errors={errors?.role}
        className="sm:grid-cols-2"
      >
        <CustomPermissionsMatrix idPrefix={idPrefix} defaults={defaults?.permissions} hidden={role !== "custom"} errors={errors?.permissions} />
      </RadioCards>

      <RadioCards idPrefix={id("scope")} name="scope" legend="Scope" options={SCOPES} value={scope} onValueChange={setScope} className="sm:grid-cols-2">
        {/* Hidden rather than unmounted, so switching scope back and forth keeps the choices. The
            server ignores channels unless the scope is "channels". */}
        <div
          role="group"
          aria-label="Channels"
          aria-invalid={Boolean(errors?.channels)}
          aria-describedby={`${id("channels")}-error`}
          hidden={scope !== "channels"}
          className="mt-3 rounded-md border border-zinc-200 p-3"
        >
          {channels.length === 0 ? (
            <p className="text-sm text-zinc-600">
              This project has no channels yet.{" "}
              <Link href={`/p/${projectSlug}/settings/channels`} target="_blank" className="font-medium text-brand-600">
                Create one
              </Link>{" "}
              first.
            </p>
          ) : (
            <div className="grid gap-2 sm:grid-cols-2">
              {channels.map((c) => (
                <label key={c.id} className="flex cursor-pointer items-start gap-2 text-sm">
                  <Checkbox.Root
                    name="channels[]"
                    value={c.id}
                    defaultChecked={defaults?.channels?.includes(c.id)}
                    aria-labelledby={`${id(`channel-${c.id}`)} ${id(`channel-${c.id}-slug`)}`}
                    className="mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded border border-zinc-400 bg-white data-[state=checked]:border-brand-600 data-[state=checked]:bg-brand-600"
                  >
                    <Checkbox.Indicator className="text-[10px] leading-none text-white">✓</Checkbox.Indicator>
                  </Checkbox.Root>
                  <span className="min-w-0">
                    <span id={id(`channel-${c.id}`)} className="text-zinc-900">
                      {c.name}
                    </span>{" "}
                    <span id={id(`channel-${c.id}-slug`)} className="break-all font-mono text-xs text-zinc-500">
                      {c.slug}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          )}
          <FieldError id={`${id("channels")}-error`} errors={errors?.channels} />
        </div>
      </RadioCards>
    </div>
  );
}
