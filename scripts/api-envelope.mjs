// The /api error envelope and request ids, read by both lib/api (the route handlers) and
// scripts/server.mjs (the answers it gives before Next.js), so they cannot drift. Plain ESM: Node
// runs server.mjs without TypeScript; api-envelope.d.mts types it for lib.
import { randomUUID } from "node:crypto";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The inbound X-Request-Id when it is a safe token, otherwise a new one. */
export function requestIdOf(inbound) {
  return typeof inbound === "string" && SAFE_REQUEST_ID.test(inbound) ? inbound : `req_${randomUUID().replace(/-/g, "")}`;
}

/** The headers every /api answer carries. */
export function apiHeaders(requestId) {
  return { "x-request-id": requestId, "cache-control": "no-store", "x-content-type-options": "nosniff" };
}

/** SPEC §7: `{"error":{"code","message","details"?},"requestId"}`. */
export function errorEnvelope(code, message, requestId, details) {
  return { error: { code, message, ...(details ? { details } : {}) }, requestId };
}

/** Name, code and stack frames, never the message (an ORM's message repeats its arguments); never throws. */
export function describeError(error) {
  try {
    const { name, code, stack } = error ?? {};
    const frames = String(stack ?? "")
      .split("\n")
      .filter((line) => line.trimStart().startsWith("at "))
      .slice(0, 8)
      .join("\n");
    return `${typeof name === "string" ? name : typeof error}${typeof code === "string" ? ` (${code})` : ""}\n${frames}`;
  } catch {
    return typeof error;
  }
}
