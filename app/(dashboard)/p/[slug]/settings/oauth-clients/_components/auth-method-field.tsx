"use client";
import { RadioCards } from "@/components/ui/radio-cards";
import { AUTH_METHOD_INFO, TOKEN_ENDPOINT_AUTH_METHODS } from "@/lib/oauth/auth-methods";

const OPTIONS = TOKEN_ENDPOINT_AUTH_METHODS.map((method) => ({
  value: method,
  label: (
    <>
      {AUTH_METHOD_INFO[method].label} <code className="break-all font-mono text-xs font-normal text-zinc-500">{method}</code>
    </>
  ),
  description: AUTH_METHOD_INFO[method].description,
}));

/** "Token endpoint authentication": how the client sends its secret (RFC 7591 token_endpoint_auth_method). */
export function AuthMethodField({ idPrefix, errors }: { idPrefix: string; errors?: string[] }) {
  return (
    <RadioCards
      idPrefix={`${idPrefix}-auth-method`}
      name="authMethod"
      legend="Token endpoint authentication"
      defaultValue={TOKEN_ENDPOINT_AUTH_METHODS[0]}
      errors={errors}
      options={OPTIONS}
      className="sm:grid-cols-2"
    />
  );
}
