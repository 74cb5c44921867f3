"use client";
import { RadioGroup } from "radix-ui";
import { cn } from "./cn";
import { FieldError } from "./field";

export type RadioCardOption<V extends string> = {
  value: V;
  /** The option's accessible name. */
  label: React.ReactNode;
  /** One line under the label, announced as the option's description. */
  description?: React.ReactNode;
  /** Shown after the label, not part of its name (e.g. the key kind a role gives). */
  badge?: React.ReactNode;
  disabled?: boolean;
};

type Props<V extends string> = {
  /** Prefixes the ids that tie labels and descriptions to their radios; unique on the page. */
  idPrefix: string;
  name: string;
  /** The group's visible legend and accessible name. */
  legend: string;
  /** A line under the legend, before the cards. */
  hint?: React.ReactNode;
  options: readonly RadioCardOption<V>[];
  value?: V;
  defaultValue?: V;
  onValueChange?: (value: V) => void;
  errors?: string[];
  /** The grid of cards, e.g. "sm:grid-cols-2"; one column by default. */
  className?: string;
  /** Shown inside the group's fieldset, under the cards and their error (e.g. what the choice opens). */
  children?: React.ReactNode;
};

/**
 * A radio group shown as cards: each option a label and a one-line description, the whole card
 * clickable. Radix's RadioGroup gives the arrow-key behaviour and submits `name` with the form.
 */
export function RadioCards<V extends string>({ idPrefix, name, legend, hint, options, value, defaultValue, onValueChange, errors, className, children }: Props<V>) {
  const id = (part: string) => `${idPrefix}-${part}`;
  return (
    <fieldset>
      <legend id={id("legend")} className="text-sm font-medium text-zinc-800">
        {legend}
      </legend>
      {hint && <p className="mt-1 text-xs text-zinc-500">{hint}</p>}
      <RadioGroup.Root
        name={name}
        value={value}
        defaultValue={defaultValue}
        onValueChange={onValueChange ? (next) => onValueChange(next as V) : undefined}
        aria-labelledby={id("legend")}
        aria-invalid={Boolean(errors)}
        aria-describedby={id("error")}
        className={cn("mt-2 grid gap-2", className)}
      >
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "flex gap-3 rounded-lg border border-zinc-200 p-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500/40 has-[[data-state=checked]]:border-brand-500 has-[[data-state=checked]]:bg-brand-50/50",
              option.disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer hover:border-zinc-300",
            )}
          >
            <RadioGroup.Item
              value={option.value}
              disabled={option.disabled}
              aria-labelledby={id(option.value)}
              aria-describedby={option.description ? id(`${option.value}-desc`) : undefined}
              className="mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full border border-zinc-400 bg-white outline-none data-[state=checked]:border-brand-600 disabled:opacity-40"
            >
              <RadioGroup.Indicator className="h-2 w-2 rounded-full bg-brand-600" />
            </RadioGroup.Item>
            <span className="min-w-0">
              <span id={id(option.value)} className="font-medium text-zinc-900">
                {option.label}
              </span>
              {option.badge}
              {option.description && (
                <span id={id(`${option.value}-desc`)} className="mt-0.5 block text-xs leading-snug text-zinc-600">
                  {option.description}
                </span>
              )}
            </span>
          </label>
        ))}
      </RadioGroup.Root>
      <FieldError id={id("error")} errors={errors} />
      {children}
    </fieldset>
  );
}
