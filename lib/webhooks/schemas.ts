import { z } from "zod";
import { idField, NO_CONTROL } from "@/lib/validation";
import { WEBHOOK_EVENTS } from "./events";

// The Webhooks page's inputs. What a URL's host resolves to is checked by the service (it needs
// DNS); the shape of the URL, an address written in it and the events are checked here.

export const WEBHOOK_URL_MAX = 2048;
export const MAX_ENDPOINTS_PER_PROJECT = 20;

/** Why a URL cannot be an endpoint, before any DNS lookup; null when its shape is fine. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, such as https://example.com/webhooks.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// (or http://) URL.";
  if (url.username || url.password) return "Take the user name and password out of the URL: deliveries are signed instead.";
  if (!url.hostname) return "The URL needs a host.";
  return null;
}

export const webhookUrlField = z
  .string({ error: "URL is required." })
  .trim()
  .min(1, { error: "URL is required.", abort: true })
  .max(WEBHOOK_URL_MAX, { error: `URL must be at most ${WEBHOOK_URL_MAX} characters.`, abort: true })
  .regex(NO_CONTROL, { error: "URL cannot contain control characters.", abort: true })
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  // The form the URL parser gives (lower-case host, encoded path): what is stored is what is called.
  .transform((value) => new URL(value).href);

export const createEndpointSchema = z.object({
  url: webhookUrlField,
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: "Not an event this server sends." }), { error: "Choose at least one event." })
    .min(1, "Choose at least one event.")
    .max(WEBHOOK_EVENTS.length, "Choose each event once.")
    .transform((events) => [...new Set(events)].sort()),
});
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const endpointIdSchema = z.object({ id: idField });
