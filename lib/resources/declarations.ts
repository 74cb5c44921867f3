import { z } from "zod";
import { externalIdField, jsonObject, nameField, slugField, text, idField } from "./fields";
import { recordStore } from "./stores/record-store";
import { profileStore } from "./stores/profile-store";
import { eventStore } from "./stores/event-store";
import { subscriptionStore } from "./stores/subscription-store";
import { channelStore } from "./stores/channel-store";
import { messageStore } from "./stores/message-store";
import type { Action } from "@/lib/permissions";
import * as responses from "./response-schemas";
import { EMAIL_PATTERN } from "@/lib/validation";
import type { Operation, ResourceDeclaration } from "./types";

// Every /api/v1 resource, declared once (SPEC §7). Routes, permission checks and the OpenAPI
// document are derived from these; the permission each operation needs comes from the role table
// in lib/permissions.ts, through ACTION_OF.

export const ACTION_OF: Record<Operation, Action> = { list: "read", get: "read", create: "create", update: "update", delete: "delete" };

const apiEmail = z.email({ pattern: EMAIL_PATTERN, error: "email must be an e-mail address" }).max(254);

// Years 1900 to 9999, and no negative offset in 9999 (that would be year 10000 in UTC).
const EVENT_YEARS = /^(?:(?:19|[2-8]\d|9[0-8])\d\d-|99[0-8]\d-|999[0-8]-|9999-.*(?:Z|\+\d\d:\d\d)$)/;

const event = z.strictObject({
  name: nameField,
  userExternalId: externalIdField.optional(),
  properties: jsonObject.optional(),
  // Bounded so both engines store it: PostgreSQL refuses year 0 (a 500 before this bound).
  timestamp: z.iso
    .datetime({ offset: true, error: "timestamp must be an ISO 8601 date-time" })
    .regex(EVENT_YEARS, "timestamp must be between the years 1900 and 9999")
    // The document says `format: date-time` and the year pattern, rather than two long patterns
    // no generator can satisfy together.
    .meta({
      override: ({ jsonSchema }) => {
        delete jsonSchema.allOf;
        Object.assign(jsonSchema, { format: "date-time", pattern: EVENT_YEARS.source });
      },
    })
    .optional(),
});

/** "campaigns" → "Campaign": the name of its schemas in the OpenAPI document. */
const singularName = (path: string) => path.charAt(0).toUpperCase() + path.slice(1).replace(/s$/, "");

const content = (summary: string, resource: "campaigns" | "templates" | "journeys" | "lists" | "tags" | "documents" | "locales" | "actions"): ResourceDeclaration => ({
  resource,
  path: resource,
  summary,
  operations: ["list", "get", "create", "update", "delete"],
  createSchema: z.strictObject({ name: nameField, data: jsonObject.optional() }),
  updateSchema: z.strictObject({ name: nameField.optional(), data: jsonObject.optional() }),
  responseSchema: responses.contentResponse(singularName(resource)),
  store: recordStore(resource),
});

const connection = (resource: "providers" | "integrations", summary: string): ResourceDeclaration => ({
  resource,
  path: resource,
  summary,
  operations: ["list", "get", "create", "update", "delete"],
  createSchema: z.strictObject({ name: nameField, type: text("type", 100), config: jsonObject.optional() }),
  updateSchema: z.strictObject({ name: nameField.optional(), type: text("type", 100).optional(), config: jsonObject.optional() }),
  responseSchema: responses.connectionResponse(singularName(resource)),
  store: recordStore(resource, {
    toRow: (input, current) => ({
      name: (input.name as string) ?? current?.name,
      data: { type: input.type ?? current?.data.type, config: input.config ?? current?.data.config ?? {} },
    }),
    // The config holds credentials: writable, never read back; answers name the fields set.
    toDto: ({ id, name, data, createdAt, updatedAt }) => ({ id, name, type: data.type, configKeys: Object.keys((data.config as Record<string, unknown>) ?? {}).sort(), createdAt, updatedAt }),
  }),
});

export const RESOURCES: ResourceDeclaration[] = [
  {
    resource: "users",
    path: "users",
    summary: "Recipients, upserted by your externalId",
    operations: ["list", "get", "create", "update", "delete"],
    createSchema: z.strictObject({ externalId: externalIdField, name: nameField.optional(), email: apiEmail.optional(), attributes: jsonObject.optional() }),
    updateSchema: z.strictObject({ name: nameField.optional(), email: apiEmail.optional(), attributes: jsonObject.optional() }),
    responseSchema: responses.userResponse,
    createAnswers: { existing: "The user with this externalId, updated" },
    store: profileStore("contact"),
  },
  {
    resource: "organizations",
    path: "organizations",
    summary: "Organizations, upserted by your externalId",
    operations: ["list", "get", "create", "update", "delete"],
    createSchema: z.strictObject({ externalId: externalIdField, name: nameField.optional(), attributes: jsonObject.optional() }),
    updateSchema: z.strictObject({ name: nameField.optional(), attributes: jsonObject.optional() }),
    responseSchema: responses.organizationResponse,
    createAnswers: { existing: "The organization with this externalId, updated" },
    store: profileStore("organization"),
  },
  {
    resource: "events",
    path: "events",
    summary: "Tracked events: one, or a batch of up to 1000",
    operations: ["list", "create"],
    createSchema: z.union([z.strictObject({ events: z.array(event).min(1, "events must not be empty").max(1000, "at most 1000 events per batch") }), event]),
    responseSchema: responses.eventResponse,
    createResponseSchema: z.union([responses.writtenResponse(responses.eventResponse, "EventWritten", ["id", "createdAt"]), responses.eventBatchResponse]),
    store: eventStore,
    writeOutcome: ["accepted", "ids"],
  },
  {
    resource: "subscriptions",
    path: "subscriptions",
    summary: "A user in a channel",
    operations: ["list", "create", "delete"],
    createSchema: z.strictObject({ userId: idField, channel: slugField }),
    responseSchema: responses.subscriptionResponse,
    createAnswers: { existing: "The user was already in this channel: the existing subscription", unknownReference: "No user with this userId in this project" },
    store: subscriptionStore,
  },
  content("Campaigns", "campaigns"),
  content("Message templates", "templates"),
  content("Journeys", "journeys"),
  content("Lists", "lists"),
  content("Tags", "tags"),
  content("Documents", "documents"),
  content("Locales", "locales"),
  content("Actions", "actions"),
  {
    resource: "channels",
    path: "channels",
    summary: "Channels (named groups of recipients); a channel-scoped key sees and manages only its own channels and creates none",
    operations: ["list", "get", "create", "update", "delete"],
    createSchema: z.strictObject({ name: nameField, slug: slugField }),
    updateSchema: z.strictObject({ name: nameField.optional() }),
    responseSchema: responses.channelResponse,
    store: channelStore,
  },
  {
    resource: "messages",
    path: "messages",
    summary: "Messages sent to recipients, within the key's channel scope; a channel-scoped key sees only messages addressed to one of its channels",
    operations: ["list", "get", "create"],
    createSchema: z.strictObject({
      title: text("title", 200),
      body: text("body", 10_000, { multiline: true }),
      target: z.strictObject({ channels: z.array(slugField).min(1, "target.channels must not be empty").max(100) }).optional(),
    }),
    responseSchema: responses.messageResponse,
    // SPEC §7: {id, recipients, channels}.
    createResponseSchema: responses.writtenResponse(responses.messageResponse, "MessageSent", ["id", "recipients", "channels"]),
    store: messageStore,
    writeOutcome: ["recipients", "channels"],
  },
  connection("providers", "Delivery providers (admin)"),
  connection("integrations", "Integrations (admin)"),
];

export const resourceAt = (path: string): ResourceDeclaration => {
  const found = RESOURCES.find((r) => r.path === path);
  if (!found) throw new Error(`no resource declared at ${path}`);
  return found;
};
