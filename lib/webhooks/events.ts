// The webhook event catalogue (SPEC §15): the endpoint dialog's checkboxes, the create schema and
// the audit-action mapping all read this one table. The test event is not subscribable: "Send
// test event" addresses one endpoint, whatever it subscribed to.

export const WEBHOOK_EVENTS = ["key.created", "key.rotated", "key.revoked", "key.disabled", "key.expiring", "key.leaked", "key.quota_reached", "key.secret_in_browser"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_EVENT_INFO: Record<WebhookEvent, { description: string }> = {
  "key.created": { description: "A key was created." },
  "key.rotated": { description: "A key was rotated; its replacement is named." },
  "key.revoked": { description: "A key was revoked." },
  "key.disabled": { description: "A key was disabled (it can be enabled again)." },
  "key.expiring": { description: "A key expires within 7 days." },
  "key.leaked": { description: "A key was reported leaked and revoked." },
  "key.quota_reached": { description: "A key used 80% or all of its quota for the period." },
  "key.secret_in_browser": { description: "A browser sent a secret key, which was refused: it may have leaked into front-end code (at most once a day per key)." },
};

/** The audit action each event is raised by (recordAudit is the single hook point). */
const EVENT_OF_AUDIT_ACTION: Record<string, WebhookEvent> = {
  "key.created": "key.created",
  "key.rotated": "key.rotated",
  "key.revoked": "key.revoked",
  "key.disabled": "key.disabled",
  "key.expiry_notice_sent": "key.expiring",
  "key.leaked": "key.leaked",
  "key.quota_reached": "key.quota_reached",
  "key.secret_in_browser": "key.secret_in_browser",
};

export function eventOfAuditAction(action: string): WebhookEvent | null {
  return Object.hasOwn(EVENT_OF_AUDIT_ACTION, action) ? EVENT_OF_AUDIT_ACTION[action] : null;
}

/**
 * The audit changes an event's payload may carry, by name: an allow list, so a field added to an
 * audit entry later (a key preview, say) never reaches a receiver unless it is named here.
 */
export const PAYLOAD_DETAILS: Record<WebhookEvent, readonly string[]> = {
  "key.created": ["role", "scope", "expiresAt"],
  "key.rotated": ["grace", "oldKeyStopsAt", "replacementId"],
  "key.revoked": [],
  "key.disabled": [],
  "key.expiring": ["expiresAt"],
  "key.leaked": [],
  "key.quota_reached": ["threshold", "quota", "period", "periodStart"],
  "key.secret_in_browser": ["origin"],
};

export const isWebhookEvent = (value: string): value is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(value);
