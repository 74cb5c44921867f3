"use client";
import Link from "next/link";
import { useState } from "react";
import { Checkbox, RadioGroup } from "radix-ui";
import { KEY_ROLES, ROLE_INFO, type KeyRole } from "@/lib/permissions";
import { CustomPermissionsMatrix } from "./custom-permissions-matrix";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

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

const radioItem =
  "mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full border border-zinc-400 bg-white data-[state=checked]:border-brand-600 disabled:opacity-40";

/** Name, description, role and channel scope: the settings a key has from creation to edit. */
export function KeySettingsFields({ idPrefix, projectSlug, channels, defaults, kind, errors }: Props) {
  const [role, setRole] = useState<KeyRole>(defaults?.role ?? "support");
  const [scope, setScope] = useState<"all" | "channels">(defaults?.scope ?? "all");
  const id = (name: string) => `${idPrefix}-${name}`;

  return (
    <div className="space-y-5">
      <Field id={id("name")} label="Name" errors={errors?.name} hint="Say where it is used, e.g. “Checkout backend”.">
        {(describedBy) => (
          <input id={id("name")} name="name" defaultValue={defaults?.name} className={inputClass} aria-invalid={Boolean(errors?.name)} aria-describedby={describedBy} />
        )}
      </Field>
      <Field id={id("description")} label="Description" errors={errors?.description}>
        {(describedBy) => (
          <textarea id={id("description")} name="description" rows={2} defaultValue={defaults?.description} className={inputClass} aria-invalid={Boolean(errors?.description)} aria-describedby={describedBy} />
        )}
      </Field>

      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Role</legend>
        {kind && (
          <p className="mt-1 text-xs text-zinc-500">
            {kind === "pk"
              ? "This is a publishable key: it can only have the Client role. Create a secret key for more access."
              : "This is a secret key: it cannot become a publishable Client key."}
          </p>
        )}
        <RadioGroup.Root
          name="role"
          value={role}
          onValueChange={(v) => setRole(v as KeyRole)}
          aria-label="Role"
          aria-invalid={Boolean(errors?.role)}
          aria-describedby={`${id("role")}-error`}
          className="mt-2 grid gap-2 sm:grid-cols-2"
        >
          {KEY_ROLES.map((r) => {
            const disabled = kind !== undefined && ROLE_INFO[r].kind !== kind;
            return (
              <label
                key={r}
                className={cn(
                  "flex cursor-pointer gap-3 rounded-lg border p-3 text-sm has-[[data-state=checked]]:border-brand-500 has-[[data-state=checked]]:bg-brand-50/50",
                  disabled ? "cursor-not-allowed border-zinc-200 opacity-60" : "border-zinc-200 hover:border-zinc-300",
                )}
              >
                <RadioGroup.Item value={r} disabled={disabled} className={radioItem} aria-labelledby={id(`role-${r}`)} aria-describedby={id(`role-${r}-desc`)}>
                  <RadioGroup.Indicator className="h-2 w-2 rounded-full bg-brand-600" />
                </RadioGroup.Item>
                <span>
                  <span id={id(`role-${r}`)} className="font-medium text-zinc-900">
                    {ROLE_INFO[r].label}
                  </span>
                  <span className="ml-2 rounded bg-zinc-100 px-1 font-mono text-[11px] text-zinc-700">lk_{ROLE_INFO[r].kind}</span>
                  <span id={id(`role-${r}-desc`)} className="mt-0.5 block text-xs leading-snug text-zinc-600">
                    {ROLE_INFO[r].description}
                  </span>
                </span>
              </label>
            );
          })}
        </RadioGroup.Root>
        <FieldError id={`${id("role")}-error`} errors={errors?.role} />
        <CustomPermissionsMatrix idPrefix={idPrefix} defaults={defaults?.permissions} hidden={role !== "custom"} errors={errors?.permissions} />
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Scope</legend>
        <RadioGroup.Root
          name="scope"
          value={scope}
          onValueChange={(v) => setScope(v as "all" | "channels")}
          aria-label="Scope"
          className="mt-2 space-y-2"
        >
          {(
            [
              ["all", "All recipients", "Messages may address every recipient in the project."],
              ["channels", "Channel scoped", "Only recipients in the channels you choose."],
            ] as const
          ).map(([value, label, help]) => (
            <label key={value} className="flex cursor-pointer gap-3 text-sm">
              <RadioGroup.Item value={value} className={radioItem} aria-labelledby={id(`scope-${value}`)} aria-describedby={id(`scope-${value}-help`)}>
                <RadioGroup.Indicator className="h-2 w-2 rounded-full bg-brand-600" />
              </RadioGroup.Item>
              <span>
                <span id={id(`scope-${value}`)} className="font-medium text-zinc-900">
                  {label}
                </span>
                <span id={id(`scope-${value}-help`)} className="block text-xs text-zinc-600">
                  {help}
                </span>
              </span>
            </label>
          ))}
        </RadioGroup.Root>
        {/* Hidden rather than unmounted, so switching scope back and forth keeps the choices. The
            server ignores channels unless the scope is "channels". */}
        <div
          role="group"
          aria-label="Channels"
          aria-invalid={Boolean(errors?.channels)}
          aria-describedby={`${id("channels")}-error`}
          hidden={scope !== "channels"}
          className="ml-7 mt-3 rounded-md border border-zinc-200 p-3"
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
                  <label key={c.id} className="flex cursor-pointer items-center gap-2 text-sm">
                    <Checkbox.Root
                      name="channels[]"
                      value={c.id}
                      defaultChecked={defaults?.channels?.includes(c.id)}
                      aria-labelledby={id(`channel-${c.id}`)}
                      className="flex h-4 w-4 items-center justify-center rounded border border-zinc-400 bg-white data-[state=checked]:border-brand-600 data-[state=checked]:bg-brand-600"
                    >
                      <Checkbox.Indicator className="text-[10px] leading-none text-white">✓</Checkbox.Indicator>
                    </Checkbox.Root>
                    <span id={id(`channel-${c.id}`)}>{c.slug}</span>
                  </label>
                ))}
              </div>
            )}
            <FieldError id={`${id("channels")}-error`} errors={errors?.channels} />
        </div>
      </fieldset>
    </div>
  );
}
