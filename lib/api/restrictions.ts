import "server-only";
import { LRUCache } from "lru-cache";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import type { VerifiedKey } from "@/lib/keys/verify";
import { decidePlace, type RequestPlace } from "@/lib/keys/restriction-check";
import { quotaSpender } from "@/lib/keys/quota-store";
import { recordDeniedCall } from "@/lib/audit/denied";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { mailKeyManagers } from "@/lib/mail/notify";
import { secretKeyInBrowserMail } from "@/lib/mail/templates";
import { deliverSoon } from "@/lib/mail/outbox";
import { ApiError } from "./errors";

// The restrictions of SPEC §16 in the guard: where a key is used from (browser, address, origin)
// and its quota, decided from the cached key; a database write only for the rare notice.

export type Place = RequestPlace & { method: string; path: string; userAgent: string | null };

/**
 * Browsers add Sec-Fetch-Site and Sec-Fetch-Dest to every request (with Sec-Fetch-Mode), and page
 * scripts cannot set or remove them. Sec-Fetch-Mode alone is no sign of a browser: Node.js's own
 * fetch sends "Sec-Fetch-Mode: cors" with every request, and server SDKs built on it must work.
 */
export function placeOf(req: Request, ip: string | null): Place {
  const headers = req.headers;
  return {
    ip,
    origin: headers.get("origin"),
    browser: headers.has("sec-fetch-site") || headers.has("sec-fetch-dest"),
    crossSite: headers.has("sec-fetch-site") && headers.get("sec-fetch-site") !== "same-origin" && headers.get("sec-fetch-site") !== "none",
    method: req.method,
    path: new URL(req.url).pathname,
    userAgent: headers.get("user-agent"),
  };
}

/** The response fields that let an allowed origin's page read the answer. */
export const corsHeaders = (origin: string): Record<string, string> => ({
  "Access-Control-Allow-Origin": origin,
  "Access-Control-Expose-Headers": "RateLimit, RateLimit-Policy, Retry-After, X-Request-Id, ETag",
  Vary: "Origin",
});

/**
 * Refuses a key used from where it may not be (throws the API error), reports a report-only
 * address, and returns the CORS fields for an allowed origin (only where `clientCallable`).
 */
export function enforcePlace(key: VerifiedKey, place: Place, clientCallable: boolean): Record<string, string> {
  const decision = decidePlace(key, place);
  if (!decision.allowed) {
    if (decision.code === "secret_key_in_browser") warnSecretInBrowser(key, place);
    throw new ApiError(decision.code, decision.message);
  }
  if (decision.reportIp) void reportOutsideAllowList(key, place);
  return decision.corsOrigin && clientCallable ? corsHeaders(decision.corsOrigin) : {};
}

function reportOutsideAllowList(key: VerifiedKey, place: Place): Promise<void> {
  // The same bounded audit as a refusal (a few entries per key and minute), marked as reported only.
  return recordDeniedCall({ key, code: "ip_not_allowed", method: place.method, path: place.path, ip: place.ip, userAgent: place.userAgent }, { action: "api.would_refuse" });
}

// ---- Secret keys sent by a browser -----------------------------------------------------------

const WARN_EVERY_MS = 86_400_000;
const BROWSER_CHECK: AuditContext = { actor: { type: "system", id: null, label: "Browser check" }, meta: { ip: null, userAgent: null } };
// Keys told about in the last day on this instance: no database write per refused request.
const warned = new LRUCache<string, true>({ max: 10_000, ttl: WARN_EVERY_MS });

/** At most one notice per key and day across instances (a conditional write on the key's row), audited and mailed. */
function warnSecretInBrowser(key: VerifiedKey, place: Place): void {
  if (warned.has(key.id)) return;
  warned.set(key.id, true);
  void sendBrowserWarning(key, place).catch((error) => console.error("browser check: notice failed:", error instanceof Error ? error.message : error));
}

export async function sendBrowserWarning(key: { id: string; projectId: string }, place: Pick<Place, "origin" | "ip" | "userAgent">): Promise<boolean> {
  const at = now();
  const sent = await db().$transaction(async (tx) => {
    const claim = await tx.apiKey.updateMany({
      where: { id: key.id, OR: [{ browserWarnedAt: null }, { browserWarnedAt: { lt: new Date(at.getTime() - WARN_EVERY_MS) } }] },
      data: { browserWarnedAt: at },
    });
    if (claim.count !== 1) return false;
    const row = await tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { id: true, name: true, preview: true, project: { select: { slug: true, name: true } } } });
    await recordAudit(
      tx,
      { ...BROWSER_CHECK, meta: { ip: place.ip, userAgent: place.userAgent } },
      {
        projectId: key.projectId,
        action: "key.secret_in_browser",
        target: { type: "api_key", id: row.id, label: row.name },
        changes: { origin: place.origin?.slice(0, 200) ?? null },
      },
    );
    await mailKeyManagers(tx, key.projectId, secretKeyInBrowserMail({ project: row.project, key: row, at, origin: place.origin, ip: place.ip }));
    return true;
  });
  if (sent) deliverSoon();
  return sent;
}

/** Forgets which keys this instance told about (tests). */
export const forgetBrowserWarnings = () => warned.clear();

// ---- Quotas ----------------------------------------------------------------------------------

/**
 * Spends one unit of the key's quota (a decrement in memory while this instance holds leased
 * units); over it, 429 quota_exhausted with Retry-After to the refill. The quota's RateLimit
 * fields are listed after the key's own (`limitHeaders`); returns them all.
 */
export async function spendQuota(key: VerifiedKey, limitHeaders: Record<string, string>): Promise<Record<string, string>> {
  const quota = key.restrictions?.quota;
  if (!quota) return limitHeaders;
  const at = Date.now();
  const spent = quotaSpender().spend(key.id, quota.limit, quota.period, at);
  const decision = spent instanceof Promise ? await spent : spent;
  const reset = Math.max(1, Math.ceil((decision.resetAt - at) / 1000));
  const window = Math.round((decision.resetAt - decision.startAt) / 1000);
  const list = (name: string, item: string) => (limitHeaders[name] ? `${limitHeaders[name]}, ${item}` : item);
  const headers = {
    ...limitHeaders,
    "RateLimit-Policy": list("RateLimit-Policy", `"quota";q=${quota.limit};w=${window}`),
    RateLimit: list("RateLimit", `"quota";r=${decision.remaining};t=${reset}`),
  };
  if (!decision.allowed) {
    throw new ApiError("quota_exhausted", `This key's quota (${quota.limit.toLocaleString("en")} requests per ${quota.period}) is used up; it refills in ${reset} seconds.`, undefined, {
      ...headers,
      "Retry-After": String(reset),
    });
  }
  return headers;
}
