import { z } from "zod";
import { CUSTOM_LEVELS, CUSTOM_RESOURCES, KEY_ROLES } from "@/lib/permissions";
import { idField, nameField, NO_CONTROL, optionalText, slugField, textField } from "@/lib/validation";
import { checkIpList, checkOriginList, MAX_ALLOWED_IPS, MAX_ALLOWED_ORIGINS, type ListCheck } from "./restrictions";
import { MAX_QUOTA, QUOTA_PERIODS } from "./quota";

export const KEY_SCOPES = ["all", "channels"] as const;
export const EXPIRY_CHOICES = ["never", "30", "60", "90", "custom"] as const;
export const MAX_EXPIRY_DAYS = 5 * 365;
export const MAX_RATE_LIMIT = 100_000;

/** POST /api/v1/credentials/revoke (SPEC §15): GitHub's credential-revocation shape, at most this many strings. */
export const MAX_REPORTED_CREDENTIALS = 1000;
export const leakReportSchema = z
  .object({ credentials: z.array(z.string().max(512)).min(1).max(MAX_REPORTED_CREDENTIALS) })
  .strict()
  .meta({ id: "LeakReport" });

export const RATE_LIMIT_NOT_A_NUMBER = "Enter a whole number of requests per minute, or leave it empty for no limit.";

/** A form's text: empty is null, digits are the number, anything else stays text for z.number to refuse ("1e3" is not 1000). */
function formNumber(value: unknown) {
  if (typeof value !== "string") return value;
  const text = value.trim();
  return text === "" ? null : /^[+-]?\d+$/.test(text) ? Number(text) : value;
}

/** Requests per minute; an empty field (or null) means no limit. Absent leaves an edited key's limit as it is. */
export const rateLimitSchema = z
  .preprocess(
    formNumber,
    z
      .number({ error: RATE_LIMIT_NOT_A_NUMBER })
      .int("Enter a whole number of requests per minute.")
      .min(1, "A rate limit must be at least 1 request per minute; leave it empty for no limit.")
      .max(MAX_RATE_LIMIT, `A rate limit can be at most ${MAX_RATE_LIMIT.toLocaleString("en")} requests per minute.`)
      .nullable(),
  )
  .optional();

// ---- Restrictions (SPEC §16) -----------------------------------------------------------------
// The forms send lines of text, the API arrays of strings; both come out as the checked,
// normalised array that is stored.

const checkedList = (check: (input: string | string[]) => ListCheck) => (input: string | string[], ctx: z.RefinementCtx) => {
  const result = check(input);
  if (result.ok) return result.values;
  ctx.addIssue({ code: "custom", message: result.message });
  return z.NEVER;
};
const MAX_LIST_TEXT = 20_000;
const listText = (label: string) => z.string({ error: `${label}: one per line.` }).max(MAX_LIST_TEXT, `${label}: too long.`);
const listArray = (label: string, max: number) =>
  z.array(z.string({ error: `${label}: each entry is a string.` }).max(200), { error: `${label}: an array of strings.` }).max(max * 50, `${label}: too many entries.`);

export const allowedIpsFromForm = listText("Allowed IP addresses").transform(checkedList(checkIpList));
export const allowedIpsField = listArray("allowedIps", MAX_ALLOWED_IPS)
  .transform(checkedList(checkIpList))
  .meta({ description: `IPv4 or IPv6 addresses and CIDR ranges the key may be used from (at most ${MAX_ALLOWED_IPS}); empty: anywhere.` });
export const allowedOriginsFromForm = listText("Allowed origins").transform(checkedList(checkOriginList));
export const allowedOriginsField = listArray("allowedOrigins", MAX_ALLOWED_ORIGINS)
  .transform(checkedList(checkOriginList))
  .meta({ description: `A publishable key's browser origins, e.g. "https://app.example.com" (at most ${MAX_ALLOWED_ORIGINS}); empty: no browser origin gets CORS.` });

export const QUOTA_NOT_A_NUMBER = "Enter a whole number of requests, or leave it empty for no quota.";
/** Requests per period; empty (or null) means none. */
export const quotaSchema = z
  .preprocess(
    formNumber,
    z
      .number({ error: QUOTA_NOT_A_NUMBER })
      .int("Enter a whole number of requests.")
      .min(1, "A quota must be at least 1 request; leave it empty for no quota.")
      .max(MAX_QUOTA, `A quota can be at most ${MAX_QUOTA.toLocaleString("en")} requests.`)
      .nullable(),
  )
  .optional();
export const quotaPeriodSchema = z.enum(QUOTA_PERIODS, { error: 'Choose "day" or "month".' });
/** A checkbox the form sends as "on" or "off" (a hidden "off" before it), so an edit can untick it. */
const reportOnlyFromForm = z
  .enum(["on", "off"])
  .transform((v) => v === "on")
  .optional();

/** The restriction fields of the admin API's key objects (create and PATCH): arrays, booleans and numbers. */
const API_RESTRICTIONS = {
  allowedIps: allowedIpsField.optional(),
  ipReportOnly: z.boolean({ error: "ipReportOnly: true or false." }).optional(),
  allowedOrigins: allowedOriginsField.optional(),
  quota: quotaSchema.meta({ description: "Requests per quotaPeriod; null for no quota." }),
  quotaPeriod: quotaPeriodSchema.optional(),
};

const customPermissionsField = z.partialRecord(
  z.enum(CUSTOM_RESOURCES as [string, ...string[]], { error: "Not a resource a Custom key can be given." }),
  z.enum(CUSTOM_LEVELS, { error: "Choose none, read, write or read & write." }),
);

const keySettings = z.object({
  name: optionalText("Name", 100),
  description: optionalText("Description", 500),
  role: z.enum(KEY_ROLES, { error: "Choose one of the roles." }),
  permissions: customPermissionsField.optional(),
  scope: z.enum(KEY_SCOPES, { error: "Choose a scope." }),
  channels: z.array(idField).max(200).optional().default([]),
  rateLimit: rateLimitSchema,
  // Absent: none on a new key, unchanged on an edited one.
  allowedIps: z
    .union([listArray("Allowed IP addresses", MAX_ALLOWED_IPS), listText("Allowed IP addresses")])
    .transform(checkedList(checkIpList))
    .optional(),
  ipReportOnly: z.union([z.boolean(), reportOnlyFromForm]).optional(),
  allowedOrigins: z
    .union([listArray("Allowed origins", MAX_ALLOWED_ORIGINS), listText("Allowed origins")])
    .transform(checkedList(checkOriginList))
    .optional(),
  quota: quotaSchema,
  quotaPeriod: z.preprocess((v) => (v === "" ? undefined : v), quotaPeriodSchema.optional()),
});

const grantsSomething = (permissions: Partial<Record<string, string>> | undefined) => Object.values(permissions ?? {}).some((level) => level && level !== "none");
/** The same rule in JSON Schema, in a form generators can satisfy directly: some resource gets more than "none". */
const GRANTS_SOMETHING = {
  anyOf: CUSTOM_RESOURCES.map((resource) => ({ required: [resource], properties: { [resource]: { enum: CUSTOM_LEVELS.filter((level) => level !== "none") } } })),
};

/** Permissions sent through the API grant something, whatever the role (the document says so too). */
const grantingPermissionsField = customPermissionsField
  .refine((permissions) => grantsSomething(permissions), "Give a Custom key at least one permission.")
  .meta({ override: ({ jsonSchema }) => Object.assign(jsonSchema, GRANTS_SOMETHING) });

type Settings = {
  scope: string;
  channels: string[];
  role: string;
  permissions?: Partial<Record<string, string>>;
  allowedIps?: string[];
  ipReportOnly?: boolean;
  allowedOrigins?: string[];
  quota?: number | null;
  quotaPeriod?: string;
};

function checkSettings(value: Settings, ctx: z.RefinementCtx) {
  if (value.ipReportOnly && (value.allowedIps ?? []).length === 0) {
    ctx.addIssue({ code: "custom", path: ["ipReportOnly"], message: "Report only needs at least one allowed IP address to report against." });
  }
  if ((value.allowedOrigins ?? []).length > 0 && value.role !== "client") {
    ctx.addIssue({ code: "custom", path: ["allowedOrigins"], message: "Allowed origins are for publishable (Client) keys: a secret key is refused in every browser." });
  }
  if (value.quota != null && value.quotaPeriod === undefined) {
    ctx.addIssue({ code: "custom", path: ["quotaPeriod"], message: 'Choose the quota period: "day" or "month".' });
  }
  if (value.scope === "channels" && value.channels.length === 0) {
    ctx.addIssue({ code: "custom", path: ["channels"], message: "Choose at least one channel, or scope the key to all recipients." });
  }
  if (value.role === "custom" && !grantsSomething(value.permissions)) {
    ctx.addIssue({ code: "custom", path: ["permissions"], message: "Give a Custom key at least one permission." });
  }
}

export const createKeySchema = keySettings
  .extend({
    expires: z.enum(EXPIRY_CHOICES, { error: "Choose when the key expires." }).optional().default("never"),
    expiresOn: z.string().trim().max(10).optional().default(""),
  })
  .superRefine((value, ctx) => {
    checkSettings(value, ctx);
    if (value.expires === "custom" && !/^\d{4}-\d{2}-\d{2}$/.test(value.expiresOn)) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Pick the date the key expires." });
    }
  });
export type CreateKeyInput = z.infer<typeof createKeySchema>;

export const updateKeySchema = keySettings.extend({ id: idField }).superRefine(checkSettings);
export type UpdateKeyInput = z.infer<typeof updateKeySchema>;

/**
 * The dashboard's Edit form (SPEC §6): the version the form was opened at and only the fields the
 * person changed (no defaults here). A channel list emptied by the person arrives as "". The merged
 * result is checked again by updateKeySchema.
 */
export const keyEditSchema = z.object({
  id: idField,
  version: z.coerce.number({ error: "Reload the form: it was opened without a version." }).int().min(0),
  name: textField("Name", 100).optional(),
  description: textField("Description", 500).optional(),
  role: z.enum(KEY_ROLES, { error: "Choose one of the roles." }).optional(),
  permissions: customPermissionsField.optional(),
  scope: z.enum(KEY_SCOPES, { error: "Choose a scope." }).optional(),
  channels: z.preprocess((value) => (value === "" ? [] : value), z.array(idField).max(200)).optional(),
  rateLimit: rateLimitSchema,
  allowedIps: allowedIpsFromForm.optional(),
  ipReportOnly: reportOnlyFromForm,
  allowedOrigins: allowedOriginsFromForm.optional(),
  quota: quotaSchema,
  quotaPeriod: z.preprocess((v) => (v === "" ? undefined : v), quotaPeriodSchema.optional()),
});
export type KeyEdit = z.infer<typeof keyEditSchema>;

/**
 * PATCH /api/v1/admin/keys/{id}: only the fields sent change (so no defaults here); channels are
 * slugs, as everywhere in the API. The merged result is checked again by updateKeySchema.
 */
export const keyPatchSchema = z
  .strictObject({
    name: nameField("Name", 100).optional(),
    description: textField("Description", 500).optional(),
    role: z.enum(KEY_ROLES, { error: "Choose one of the roles." }).optional(),
    scope: z.enum(KEY_SCOPES, { error: "Choose a scope." }).optional(),
    // Never empty: a key reaches some channels or, with scope "all", every recipient.
    channels: z.array(slugField).min(1, 'Name at least one channel, or send scope "all" to reach every recipient.').max(200).optional(),
    permissions: grantingPermissionsField.optional(),
    rateLimit: rateLimitSchema,
    ...API_RESTRICTIONS,
  })
  // Role "custom" comes with its permissions, and scope "channels" with its channels, so whether a
  // patch is valid never depends on what was stored.
  .superRefine((patch, ctx) => {
    if (patch.role === "custom" && patch.permissions === undefined) ctx.addIssue({ code: "custom", path: ["permissions"], message: 'Send the permissions with role "custom".' });
    if (patch.scope === "channels" && patch.channels === undefined) ctx.addIssue({ code: "custom", path: ["channels"], message: 'Send the channels with scope "channels".' });
  })
  .meta({
    override: ({ jsonSchema }) =>
      Object.assign(jsonSchema, {
        // "Not custom, or with permissions" and "not channels, or with channels", as alternatives.
        allOf: [
          { anyOf: [{ required: ["permissions"] }, { properties: { role: { enum: KEY_ROLES.filter((role) => role !== "custom") } } }] },
          { anyOf: [{ required: ["channels"] }, { properties: { scope: { enum: KEY_SCOPES.filter((scope) => scope !== "channels") } } }] },
        ],
      }),
  });
export type KeyPatch = z.infer<typeof keyPatchSchema>;

/**
 * POST /api/v1/admin/keys: the dashboard's create form as JSON (channels are slugs, as everywhere
 * in the API); after the slugs are resolved, createKeySchema checks the result again.
 */
export const keyCreateSchema = z
  .strictObject({
    name: nameField("Name", 100).optional(),
    description: textField("Description", 500).optional(),
    role: z.enum(KEY_ROLES, { error: "Choose one of the roles." }),
    scope: z.enum(KEY_SCOPES, { error: "Choose a scope." }).optional().default("all"),
    channels: z.array(slugField).max(200).optional().default([]),
    permissions: grantingPermissionsField.optional(),
    rateLimit: rateLimitSchema,
    ...API_RESTRICTIONS,
    expires: z.enum(EXPIRY_CHOICES, { error: "Choose when the key expires." }).optional().default("never"),
    expiresOn: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the date the key expires (YYYY-MM-DD).")
      .optional(),
  })
  .superRefine((value, ctx) => {
    checkSettings(value, ctx);
    if (value.expires === "custom" && value.expiresOn === undefined) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: 'Send the date with expires "custom".' });
  })
  .meta({
    override: ({ jsonSchema }) =>
      Object.assign(jsonSchema, {
        // The refinements above as alternatives a generator can satisfy directly.
        allOf: [
          { anyOf: [{ required: ["permissions"] }, { properties: { role: { enum: KEY_ROLES.filter((role) => role !== "custom") } } }] },
          { anyOf: [{ required: ["channels"], properties: { channels: { minItems: 1 } } }, { properties: { scope: { enum: KEY_SCOPES.filter((scope) => scope !== "channels") } } }] },
          { anyOf: [{ required: ["expiresOn"] }, { properties: { expires: { enum: EXPIRY_CHOICES.filter((choice) => choice !== "custom") } } }] },
        ],
      }),
  });
export type KeyCreate = z.infer<typeof keyCreateSchema>;

export const keyIdSchema = z.object({ id: idField });
/** A bulk action's keys: those ticked on one page of the list (20), so at most 100 is generous. */
export const keyIdsSchema = z.object({ ids: z.array(idField).min(1, "Select at least one key.").max(100, "Select at most 100 keys at once.") });
/** "Reduce to what it used": the key and the version the page showed, so a key changed since is not reduced blindly. */
export const keyReduceSchema = z.object({ id: idField, version: z.coerce.number().int().min(0) });

/** A secret key is revealed only in sudo mode (SPEC §13), checked by the action, not by a field here. */
export const revealKeySchema = z.object({ id: idField });
export type RevealKeyInput = z.infer<typeof revealKeySchema>;

/** The moment a new key expires, or null. Custom dates expire at the end of that day (UTC). */
export function expiryFrom(input: Pick<CreateKeyInput, "expires" | "expiresOn">, from: Date): Date | null | "invalid" {
  if (input.expires === "never") return null;
  if (input.expires !== "custom") return new Date(from.getTime() + Number(input.expires) * 86_400_000);
  const end = new Date(`${input.expiresOn}T23:59:59.999Z`);
  if (Number.isNaN(end.getTime()) || end <= from) return "invalid";
  if (end.getTime() - from.getTime() > MAX_EXPIRY_DAYS * 86_400_000) return "invalid";
  return end;
}

/** "Old key stops working" (SPEC §6): now, or after one of four grace periods. */
export const GRACE_PERIODS = { now: 0, "1h": 3_600_000, "24h": 86_400_000, "48h": 172_800_000, "7d": 604_800_000 } as const;
export type GracePeriod = keyof typeof GRACE_PERIODS;
export const rotateKeySchema = z.object({
  id: idField,
  grace: z.enum(Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]], { error: "Choose when the old key stops working." }),
});
export type RotateKeyInput = z.infer<typeof rotateKeySchema>;

/** The API Keys page's search (`?q=`): by name, refused with a message rather than sent to the database with a control character. */
export const keySearchSchema = z.string().trim().max(100, "Search must be at most 100 characters.").regex(NO_CONTROL, "Search cannot contain control characters.");
