import { requestIdOf } from "@/scripts/api-envelope.mjs";

/** The inbound X-Request-Id when it is a safe token, otherwise a new one (scripts/api-envelope.mjs). */
export function requestIdFor(headers: Headers): string {
  return requestIdOf(headers.get("x-request-id"));
}
