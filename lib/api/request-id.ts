import { randomUUID } from "node:crypto";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The inbound X-Request-Id when it is a safe token, otherwise a new one. */
export function requestIdFor(headers: Headers): string {
  const inbound = headers.get("x-request-id");
  return inbound && SAFE_REQUEST_ID.test(inbound) ? inbound : `req_${randomUUID().replace(/-/g, "")}`;
}
