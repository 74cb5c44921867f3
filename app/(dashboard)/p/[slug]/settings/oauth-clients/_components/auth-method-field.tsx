"use client";
import { RadioGroup } from "radix-ui";
import { FieldError } from "@/components/ui/field";
import { AUTH_METHOD_INFO, TOKEN_ENDPOINT_AUTH_METHODS } from "@/lib/oauth/auth-methods";

const radioItem =
  "mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full border border-zinc-400 bg-white data-[state=checked]:border-brand-600";

/** "Token endpoint authentication": how the client sends its secret (RFC 7591 token_endpoint_auth_method). */
export function AuthMethodField({ idPrefix, errors }: { idPrefix: string; errors?: string[] }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800">Token endpoint authentication</legend>
      <RadioGroup.Root
        name="authMethod"
        defaultValue={TOKEN_ENDPOINT_AUTH_METHODS[0]}
        aria-label="Token endpoint authentication"
        aria-invalid={Boolean(errors)}
        aria-describedby={id("auth-method-error")}
        className="mt-2 grid gap-2 sm:grid-cols-2"
      >
        {TOKEN_ENDPOINT_AUTH_METHODS.map((method) => (
          <label
            key={method}
            className="flex cursor-pointer gap-3 rounded-lg border border-zinc-200 p-3 text-sm hover:border-zinc-300 has-[[data-state=checked]]:border-brand-500 has-[[data-state=checked]]:bg-brand-50/50"
          >
            <RadioGroup.Item value={method} className={radioItem} aria-labelledby={id(method)} aria-describedby={id(`${method}-desc`)}>
              <RadioGroup.Indicator className="h-2 w-2 rounded-full bg-brand-600" />
            </RadioGroup.Item>
            <span className="min-w-0">
              <span id={id(method)} className="font-medium text-zinc-900">
                {AUTH_METHOD_INFO[method].label} <code className="break-all font-mono text-xs font-normal text-zinc-500">{method}</code>
              </span>
              <span id={id(`${method}-desc`)} className="mt-0.5 block text-xs leading-snug text-zinc-600">
                {AUTH_METHOD_INFO[method].description}
              </span>
            </span>
          </label>
        ))}
      </RadioGroup.Root>
      <FieldError id={id("auth-method-error")} errors={errors} />
    </fieldset>
  );
}
