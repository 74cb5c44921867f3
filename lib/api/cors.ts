import "server-only";
import { db } from "@/lib/db";
import { listOf } from "@/lib/keys/restrictions";

// CORS preflights (SPEC §16). A preflight carries no key, so it is answered for any origin that some
// live publishable key allows; the request that follows is checked against its own key's origins
// (403 origin_not_allowed otherwise). The set is read at most every few seconds.

const REFRESH_MS = 5_000;
const ALLOWED_HEADERS = "Authorization, Content-Type, X-API-Key, Idempotency-Key, If-Match, If-None-Match";
let known: { origins: ReadonlySet<string>; readAt: number } | null = null;

async function allowedOrigins(): Promise<ReadonlySet<string>> {
  if (known && Date.now() - known.readAt < REFRESH_MS) return known.origins;
  const rows = await db().apiKey.findMany({ where: { kind: "pk", revokedAt: null, allowedOrigins: { not: "" } }, select: { allowedOrigins: true } });
  known = { origins: new Set(rows.flatMap((row) => listOf(row.allowedOrigins))), readAt: Date.now() };
  return known.origins;
}

/** Forgets the cached set (a test that has just changed a key's origins). */
export const forgetAllowedOrigins = () => void (known = null);

/** The preflight's CORS fields for `methods`, or none when no publishable key allows the origin. */
export async function preflight(headers: Headers, methods: string[]): Promise<Record<string, string>> {
  const origin = headers.get("origin");
  const method = headers.get("access-control-request-method");
  if (!origin || !method || !methods.includes(method) || !(await allowedOrigins()).has(origin)) return { vary: "Origin" };
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": methods.join(", "),
    "access-control-allow-headers": ALLOWED_HEADERS,
    "access-control-max-age": "600",
    vary: "Origin",
  };
}
