import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { CUSTOM_LEVELS, KEY_ROLES, MEMBER_ROLES, type KeyRole } from "@/lib/permissions";
import { KEY_SCOPES } from "@/lib/keys/schemas";
import type { KeyStatus } from "@/lib/keys/queries";
import { idField, jsonObject } from "./fields";

// What /api/v1 answers, one zod schema per object: the OpenAPI document is generated from these,
// and the conformance test validates every answer against the document, so neither can drift.

/** An instant as JSON carries it: ISO 8601 in UTC. */
const instant = z.iso.datetime();
const id = idField.meta({ description: "The object's id." });

const profile = {
  id,
  externalId: z.string().nullable().meta({ description: "Your id for it (the upsert key)." }),
  name: z.string().nullable(),
  attributes: jsonObject,
  createdAt: instant,
  updatedAt: instant,
};

export const userResponse = z.object({ ...profile, email: z.string().nullable() }).meta({ id: "User", description: "A recipient." });
export const organizationResponse = z.object(profile).meta({ id: "Organization" });

export const eventResponse = z
  .object({
    id,
    name: z.string(),
    userExternalId: z.string().nullable(),
    properties: jsonObject,
    // Stored in UTC; a write-only caller gets it back as it sent it, offset and all.
    timestamp: z.iso.datetime({ offset: true }),
    createdAt: instant,
  })
  .meta({ id: "Event" });
export const eventBatchResponse = z
  .object({ id: id.meta({ description: "The first event's id." }), accepted: z.int().min(1), ids: z.array(idField) })
  .meta({ id: "EventBatch", description: "A batch, accepted whole: how many events and their ids, in the order sent." });

export const subscriptionResponse = z.object({ id, userId: idField, channel: z.string().meta({ description: "The channel's slug." }), createdAt: instant }).meta({ id: "Subscription" });

export const channelResponse = z.object({ id, name: z.string(), slug: z.string(), createdAt: instant }).meta({ id: "Channel" });

export const messageResponse = z
  .object({
    id,
    title: z.string(),
    body: z.string(),
    channels: z.array(z.string()).meta({ description: "The channel slugs addressed; empty when the message went to everyone." }),
    recipients: z.int().min(0).meta({ description: "How many users it reached." }),
    keyId: z.string().nullable().meta({ description: "The key that sent it." }),
    createdAt: instant,
  })
  .meta({ id: "Message" });

/** A name and free-form data: campaigns, templates, journeys, lists, tags, documents, locales, actions. */
export function contentResponse(name: string) {
  return z.object({ id, name: z.string(), data: jsonObject, createdAt: instant, updatedAt: instant }).meta({ id: name });
}

/** Providers and integrations: never their config (it holds delivery secrets), only which fields it sets. */
export function connectionResponse(name: string) {
  return z
    .object({
      id,
      name: z.string(),
      type: z.string(),
      configKeys: z.array(z.string()).meta({ description: "The names of the config fields that are set; their values are never returned." }),
      createdAt: instant,
      updatedAt: instant,
    })
    .meta({ id: name });
}

/**
 * The answer to a write. A caller that can read the resource gets every field; a write-only caller
 * (a Client key, a write-only Custom key) gets only `required` and the fields it sent (SPEC §7).
 * So every field is typed, and only those are required.
 */
export function writtenResponse<S extends z.ZodObject>(schema: S, name: string, required: string[]) {
  const mask = Object.fromEntries(required.map((field) => [field, true])) as Record<string, true>;
  return schema
    .partial()
    .required(mask as never)
    .meta({
      id: name,
      description: `The object as written. Callers that can read it get every field; a write-only caller (a Client key, a write-only Custom key) gets only ${required.map((f) => `\`${f}\``).join(", ")} and the fields it sent.`,
    });
}

/** A page of a list. */
export function pageResponse<S extends z.ZodType>(item: S, name: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
      hasMore: z.boolean().meta({ description: "Whether another page follows." }),
    })
    .meta({ id: name });
}

// ---- The calling key, the admin API ----------------------------------------------------------
const KEY_STATUSES = ["active", "disabled", "revoked", "expired"] as const satisfies readonly KeyStatus[];
const keyRole = z.enum(KEY_ROLES satisfies readonly KeyRole[]).meta({ id: "KeyRole", description: "The key's role (SPEC §3); custom keys have a level per resource." });
const keyKind = z.enum(["pk", "sk"]).meta({ description: "Publishable (pk) or secret (sk)." });
const keyScope = z.enum(KEY_SCOPES).meta({ description: "All recipients, or only the channels listed." });

export const meResponse = z
  .object({
    id,
    name: z.string(),
    kind: z.enum(["pk", "sk", "at"]).meta({ description: "Publishable key (pk), secret key (sk) or OAuth access token (at)." }),
    role: keyRole,
    scope: keyScope,
    channels: z.array(z.string()).meta({ description: "The channel slugs of a channel-scoped key." }),
    expiresAt: instant.nullable(),
    client: z
      .object({ clientId: z.string(), scope: z.string().meta({ description: "The token's scopes, space-separated." }) })
      .nullable()
      .meta({ description: "For an OAuth access token: the client it was issued to and its scope; null for an API key." }),
    project: z.object({ id, slug: z.string(), name: z.string() }),
  })
  .meta({ id: "Me", description: "The calling key (or OAuth access token) and its project." });

export const apiKeyResponse = z
  .object({
    id,
    name: z.string(),
    description: z.string(),
    kind: keyKind,
    role: keyRole,
    scope: keyScope,
    channels: z.array(z.string()).meta({ description: "Channel slugs." }),
    permissions: z.record(z.string(), z.enum(CUSTOM_LEVELS)).nullable().meta({ description: "A custom key's level per resource; null for the other roles." }),
    preview: z.string().meta({ description: "The key's first and last characters, never the secret." }),
    status: z.enum(KEY_STATUSES),
    rateLimit: z.int().min(1).nullable().meta({ description: "Requests per minute; null for none of its own." }),
    allowedIps: z.array(z.string()).meta({ description: "The addresses and CIDR ranges the key may be used from, normalised; empty: anywhere." }),
    ipReportOnly: z.boolean().meta({ description: "True: a request from elsewhere is answered and audited as api.would_refuse instead of refused." }),
    allowedOrigins: z.array(z.string()).meta({ description: "A publishable key's browser origins; empty: none." }),
    quota: z.int().min(1).nullable().meta({ description: "Requests per quotaPeriod; null for no quota." }),
    quotaPeriod: z.enum(["day", "month"]).nullable().meta({ description: "The quota's period (UTC day or month); null without a quota." }),
    replacedBy: z.string().nullable().meta({ description: "The id of the key that replaced it by rotation." }),
    createdAt: instant,
    lastUsedAt: instant.nullable(),
    expiresAt: instant.nullable(),
  })
  .meta({ id: "ApiKey" });

const secretField = z.string().meta({ description: "The key itself, in this answer only: it is never shown again (an Idempotency-Key retry gets 409 naming the key, not the secret)." });
export const apiKeyCreatedResponse = apiKeyResponse.extend({ secret: secretField }).meta({ id: "ApiKeyCreated" });
export const apiKeyRotatedResponse = apiKeyResponse
  .extend({
    secret: secretField,
    replaces: z.string().meta({ description: "The id of the rotated key." }),
    oldKeyStopsAt: instant.meta({ description: "When the rotated key stops working." }),
  })
  .meta({ id: "ApiKeyRotated" });

export const memberResponse = z
  .object({
    id,
    email: z.string(),
    name: z.string().nullable().meta({ description: "The member's name; null for an invitation." }),
    role: z.enum(MEMBER_ROLES).meta({ id: "MemberRole", description: "The dashboard role (SPEC §1)." }),
    status: z.enum(["member", "invited"]).meta({ description: "A member, or an invitation by link not yet accepted." }),
    createdAt: instant,
    expiresAt: instant.nullable().meta({ description: "When an invitation's link stops working; null for a member (and for an invitation from before links, which needs a resend)." }),
  })
  .meta({ id: "Member", description: "A member of the project, or a pending invitation. The invite link is e-mailed, never returned." });

export const auditEntryResponse = z
  .object({
    id,
    createdAt: instant,
    action: z.string().meta({ example: "key.created" }),
    actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
    target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }).nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    changes: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "AuditEntry" });

export const healthResponse = z.object({ status: z.literal("ok") }).meta({ id: "Health" });
/** The answer to a leak report: how many strings it held, and nothing about what was found. */
export const leakReportReceived = z.object({ received: z.number().int() }).meta({ id: "LeakReportReceived" });

// ---- Errors --------------------------------------------------------------------------------
const issue = z.object({ path: z.string().meta({ description: 'The field, dotted ("target.channels.0"); empty for the body itself.' }), message: z.string() });
const errorDetails = z.looseObject({ issues: z.array(issue).optional() }).meta({ id: "ErrorDetails", description: "For validation_failed: `issues`, the fields that are wrong." });

export const codesWithStatus = (status: number) => (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => ERROR_STATUS[code] === status);

/** The error envelope, with the codes one status can carry. */
export function errorResponse(status: number) {
  return z
    .object({
      error: z.object({ code: z.enum(codesWithStatus(status) as [ErrorCode, ...ErrorCode[]]), message: z.string(), details: errorDetails.optional() }),
      requestId: z.string().meta({ description: "Quote it when you contact support." }),
    })
    .meta({ id: `Error${status}`, description: "Every error, in one envelope." });
}
