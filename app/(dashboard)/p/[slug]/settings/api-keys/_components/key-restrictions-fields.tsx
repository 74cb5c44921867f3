"use client";
import { useState } from "react";
import { Checkbox } from "radix-ui";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import { QUOTA_PERIODS, type QuotaPeriod } from "@/lib/keys/quota";
import { QUOTA_PERIOD_LABELS } from "./restriction-form";

type Values = { allowedIps: string[]; ipReportOnly: boolean; allowedOrigins: string[]; quota: number | null; quotaPeriod: QuotaPeriod | null };

type Props = {
  idPrefix: string;
  /** A publishable (Client) key: only those have allowed origins. */
  publishable: boolean;
  defaults?: Values;
  errors?: Record<string, string[]>;
};

/** "Restrictions" (SPEC §16): where the key may be used from, and how much. */
export function KeyRestrictionsFields({ idPrefix, publishable, defaults, errors }: Props) {
  const id = (name: string) => `${idPrefix}-${name}`;
  // One hidden input carries "on" or "off": an unticked box sends nothing, and an edit must be able to untick.
  const [reportOnly, setReportOnly] = useState(defaults?.ipReportOnly ?? false);

  return (
    <fieldset className="min-w-0 rounded-md border border-zinc-200 px-4 pb-4 pt-2">
      <legend className="px-1 text-sm font-semibold text-zinc-900">Restrictions</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="min-w-0 space-y-3">
          <ListField
            id={id("allowed-ips")}
            name="allowedIps"
            label="Allowed IP addresses"
            hint="One address or range per line, e.g. 203.0.113.7 or 10.0.0.0/8; empty means anywhere."
            placeholder="Anywhere"
            defaultValue={defaults?.allowedIps}
            errors={errors?.allowedIps}
          />
          <div>
            <input type="hidden" name="ipReportOnly" value={reportOnly ? "on" : "off"} />
            <div className="flex items-start gap-2">
              <Checkbox.Root
                id={id("ip-report-only")}
                checked={reportOnly}
                onCheckedChange={(checked) => setReportOnly(checked === true)}
                aria-invalid={Boolean(errors?.ipReportOnly)}
                aria-describedby={`${id("ip-report-only")}-hint ${id("ip-report-only")}-error`}
                className="mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded border border-zinc-400 bg-white aria-[invalid=true]:border-red-500 data-[state=checked]:border-brand-600 data-[state=checked]:bg-brand-600"
              >
                <Checkbox.Indicator className="text-[10px] leading-none text-white">✓</Checkbox.Indicator>
              </Checkbox.Root>
              <div className="min-w-0">
                <label htmlFor={id("ip-report-only")} className="block text-sm font-medium text-zinc-800">
                  Report only
                </label>
                <p id={`${id("ip-report-only")}-hint`} className="text-xs text-zinc-500">
                  Answer normally and record an audit entry instead of refusing.
                </p>
              </div>
            </div>
            <FieldError id={`${id("ip-report-only")}-error`} errors={errors?.ipReportOnly} />
          </div>
        </div>

        {/* Disabled, not unmounted, for other roles: nothing is sent, and switching back keeps the text. */}
        <fieldset disabled={!publishable} hidden={!publishable} className="min-w-0">
          <ListField
            id={id("allowed-origins")}
            name="allowedOrigins"
            label="Allowed origins"
            hint="Browser pages that may call the API with this key: one origin per line, like https://app.example.com."
            placeholder="None"
            defaultValue={defaults?.allowedOrigins}
            errors={errors?.allowedOrigins}
          />
        </fieldset>

        <div className="grid min-w-0 grid-cols-[minmax(0,1fr)_minmax(0,8rem)] gap-3">
          <TextField
            id={id("quota")}
            name="quota"
            label="Quota"
            hint="Requests per period; empty means none."
            inputMode="numeric"
            autoComplete="off"
            placeholder="None"
            defaultValue={defaults?.quota ?? ""}
            errors={errors?.quota}
          />
          <Field id={id("quota-period")} label="Quota period" errors={errors?.quotaPeriod}>
            {(describedBy) => (
              <select
                id={id("quota-period")}
                name="quotaPeriod"
                defaultValue={defaults?.quotaPeriod ?? "day"}
                className={inputClass}
                aria-invalid={Boolean(errors?.quotaPeriod)}
                aria-describedby={describedBy}
              >
                {QUOTA_PERIODS.map((period) => (
                  <option key={period} value={period}>
                    {QUOTA_PERIOD_LABELS[period]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </div>
    </fieldset>
  );
}

type ListFieldProps = { id: string; name: string; label: string; hint: string; placeholder: string; defaultValue?: string[]; errors?: string[] };

/** A textarea of one entry per line. */
function ListField({ id, name, label, hint, placeholder, defaultValue, errors }: ListFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      {(describedBy) => (
        <textarea
          id={id}
          name={name}
          rows={3}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder={placeholder}
          defaultValue={defaultValue?.join("\n")}
          className={`${inputClass} font-mono text-xs`}
          aria-invalid={Boolean(errors)}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}
