import { z } from "zod";
import { externalIdField, jsonObject, nameField, slugField, text, idParam } from "./fields";
import { recordStore } from "./stores/record-store";
import { profileStore } from "./stores/profile-store";
import { eventStore } from "./stores/event-store";
import { subscriptionStore } from "./stores/subscription-store";
import { channelStore } from "./stores/channel-store";
import { messageStore } from "./stores/message-store";
import type { Action } from "@/lib/permissions";
import { EMAIL_PATTERN } from "@/lib/validation";
import type { Operation, ResourceDeclaration } from "./types";

// Every /api/v1 resource, declared once (SPEC §7). Routes, permission checks and the OpenAPI
// document are derived from these; the permission each operation needs comes from the role table
// in lib/permissions.ts, through ACTION_OF.

export const ACTION_OF: Record<Operation, Action> = { list: "read", get: "read", create: "create", update: "update", delete: "delete" };

const apiEmail = z.email({ pattern: EMAIL_PATTERN, error: "email must be an e-mail address" }).max(254);

const EARLIEST_EVENT = Date.parse("1900-01-01T00:00:00Z");
const LATEST_EVENT = Date.parse("9999-12-31T23:59:59.999Z");

const event = z.strictObject({
  name: nameField,
  userExternalId: externalIdField.optional(),
  properties: jsonObject.optional(),
  // Bounded so both engines store it: PostgreSQL refuses year 0 (a 500 before this bound).
  timestamp: z.iso
    .datetime({ offset: true, error: "timestamp must be an ISO 8601 date-time" })
    .refine((v) => { const t = Date.parse(v); return t >= EARLIEST_EVENT && t <= LATEST_EVENT; }, "timestamp must be between the years 1900 and 9999")
    .optional(),
});

const content = (summary: string, resource: "campaigns" | "templates" | "journeys" | "lists" | "tags" | "documents" | "locales" | "actions"): ResourceDeclaration => ({
  resource,
  path: resource,
  summary,
  operations: ["list", "get", "create", "update", "delete"],
  createSchema: z.strictObject({ name: nameField, data: jsonObject.optional() }),
  updateSchema: z.strictObject({ name: nameField.optional(), data: jsonObject.optional() }),
  store: recordStore(resource),
});

const connection = (resource: "providers" | "integrations", summary: string): ResourceDeclaration => ({
  resource,
  path: resource,
  summary,
  operations: ["list", "get", "create", "update", "delete"],
  createSchema: z.strictObject({ name: nameField, type: text("type", 100), config: jsonObject.optional() }),
  updateSchema: z.strictObject({ name: nameField.optional(), type: text("type", 100).optional(), config: jsonObject.optional() }),
  store: recordStore(resource, {
    toRow: (input, current) => ({
      name: (input.name as string) ?? current?.name,
      data: { type: input.type ?? current?.data.type, config: input.config ?? current?.data.config ?? {} },
    }),
    toDto: ({ id, name, data, createdAt, updatedAt }) => ({ id, name, type: data.type, config: data.config, createdAt, updatedAt }),
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
    store: profileStore("contact"),
  },
  {
    resource: "organizations",
    path: "organizations",
    summary: "Organizations, upserted by your externalId",
    operations: ["list", "get", "create", "update", "delete"],
    createSchema: z.strictObject({ externalId: externalIdField, name: nameField.optional(), attributes: jsonObject.optional() }),
    updateSchema: z.strictObject({ name: nameField.optional(), attributes: jsonObject.optional() }),
    store: profileStore("organization"),
  },
  {
    resource: "events",
    path: "events",
    summary: "Tracked events: one, or a batch of up to 1000",
    operations: ["list", "create"],
    createSchema: z.union([z.strictObject({ events: z.array(event).min(1, "events must not be empty").max(1000, "at most 1000 events per batch") }), event]),
    store: eventStore,
  },
  {
    resource: "subscriptions",
    path: "subscriptions",
    summary: "A user in a channel",
    operations: ["list", "create", "delete"],
    createSchema: z.strictObject({ userId: idParam, channel: slugField }),
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
    summary: "Channels (named groups of recipients)",
    operations: ["list", "get", "create", "update", "delete"],
    createSchema: z.strictObject({ name: nameField, slug: slugField }),
    updateSchema: z.strictObject({ name: nameField.optional() }),
    store: channelStore,
  },
  {
    resource: "messages",
    path: "messages",
    summary: "Messages sent to recipients, within the key's channel scope",
    operations: ["list", "get", "create"],
    createSchema: z.strictObject({
      title: text("title", 200),
      body: text("body", 10_000, { multiline: true }),
      target: z.strictObject({ channels: z.array(slugField).min(1, "target.channels must not be empty").max(100) }).optional(),
    }),
    store: messageStore,
  },
  connection("providers", "Delivery providers (admin)"),
  connection("integrations", "Integrations (admin)"),
];

export const resourceAt = (path: string): ResourceDeclaration => {
  const found = RESOURCES.find((r) => r.path === path);
  if (!found) throw new Error(`no resource declared at ${path}`);
  return found;
};
