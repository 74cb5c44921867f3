import "server-only";
import { can, type Permission } from "@/lib/permissions";
import { verifyKey, type KeyLookup, type VerifiedKey } from "@/lib/keys/verify";
import { keyCache } from "@/lib/keys/key-changes";
import { hashKey } from "@/lib/keys/hash";
import { lastUsed } from "@/lib/keys/last-used";
import { usage } from "@/lib/keys/usage";
import { now } from "@/lib/clock";
import { ApiError, errorBody, toApiError } from "./errors";
import { requestIdFor } from "./request-id";
import { apiHeaders, describeError } from "@/scripts/api-envelope.mjs";
import { clientIp } from "./client-ip";
import { recordDeniedCall } from "@/lib/audit/denied";
import { addHeaders, failedChecksRefusalHeaders, rateLimits } from "./rate-limits";
import { idempotently } from "./idempotency";
import { refuseUnknownQuery, type QueryNames } from "./query";
import { MAX_RATE_LIMIT } from "@/lib/keys/schemas";
import { scopeFor } from "@/lib/oauth/scopes";
import { enforcePlace, placeOf, spendQuota } from "./restrictions";
import { preflight } from "./cors";

// The one door to /api/v1 (SPEC §7): every handler is built here, so none can run before the key
// is authenticated and the route's declared permission authorised. Fails closed: anything thrown
// in the guard is a 500 `internal`, never a pass. The identity travels as a function argument,
// never through headers, so no inbound header can pose as it.

export const GUARDED = Symbol.for("latchkey.guarded");

export type ApiContext<P> = { req: Request; key: VerifiedKey; params: P; requestId: string; ip: string | null };
type RouteContext<P> = { params: Promise<P> };
/**
 * How a route is guarded: "key" (apiRoute), "public" (no credential), "preflight" (OPTIONS), and
 * for OAuth (lib/oauth/endpoint.ts) "client" (client id and secret) and "registration" (RFC 7592
 * registration access token).
 */
export type GuardKind = "key" | "public" | "preflight" | "client" | "registration";
export type Guarded<P> = ((req: Request, ctx: RouteContext<P>) => Promise<Response>) & { [GUARDED]: GuardKind };

const AUDITED_REFUSALS = new Set(["key_revoked", "key_expired", "key_disabled", "insufficient_permissions", "scope_violation", "ip_not_allowed", "origin_not_allowed", "secret_key_in_browser"]);

/** Set on a key-guarded route a Client key may call: its preflight and answers carry CORS fields for allowed origins. */
export const CLIENT_CALLABLE = Symbol.for("latchkey.clientCallable");

// On globalThis like the other per-process state: Next.js may load this module in several bundles.
const lookupHolder = globalThis as { __latchkeyKeyLookup?: KeyLookup };
const lookup = (): KeyLookup => lookupHolder.__latchkeyKeyLookup ?? keyCache().lookup;
/** Lets a test put another lookup in place of the cached one. */
export function setKeyLookup(next: KeyLookup): void {
  lookupHolder.__latchkeyKeyLookup = next;
}

/** A JSON answer with the /api headers and `extra` (which wins over them), each set once. */
export function json(body: unknown, status: number, requestId: string, extra: Record<string, string> = {}): Response {
  const headers: Record<string, string> = apiHeaders(requestId);
  for (const name in extra) headers[name.toLowerCase()] = extra[name];
  return Response.json(body, { status, headers });
}

let unavailableLoggedAt = 0;

export function errorResponse(error: unknown, requestId: string): Response {
  const apiError = toApiError(error);
  // The client gets no detail; the operator gets the stack (keys never reach it: only hashes).
  if (apiError.code === "internal") console.error(`[${requestId}] unhandled error in /api handler: ${describeError(error)}`);
  // One line per 10 s while the database is away, not one per request.
  if (apiError.code === "unavailable" && Date.now() - unavailableLoggedAt > 10_000) {
    unavailableLoggedAt = Date.now();
    console.error(`[${requestId}] the database cannot be reached; answering 503 until it can`);
  }
  return json(errorBody(apiError, requestId), apiError.status, requestId, apiError.headers);
}

const TWICE = "Send one API key, once: a credential header was sent twice.";

/** RFC 6750 §3 (and RFC 9110 §15.5.2: every 401 names its scheme): a key or token that was sent but is not good. */
const INVALID_TOKEN_CHALLENGE = { "WWW-Authenticate": 'Bearer realm="latchkey", error="invalid_token"' };

/** RFC 6750 §3.1: an OAuth access token without the scope a route needs is told which one, so its client can ask for it. */
function insufficientScopeChallenge(key: VerifiedKey, permission: Permission): Record<string, string> | undefined {
  if (!key.client || permission === "any") return undefined;
  const scope = scopeFor(permission);
  return { "WWW-Authenticate": `Bearer realm="latchkey", error="insufficient_scope"${scope ? `, scope="${scope}"` : ""}` };
}

export function credentialFrom(headers: Headers): string {
  const authorization = headers.get("authorization");
  const apiKeyHeader = headers.get("x-api-key");
  // A repeated header reaches here joined with ", " (keys never contain a comma); scripts/server.mjs
  // refuses the repeats Node's parser would drop before they get this far.
  if (authorization?.includes(",") || apiKeyHeader?.includes(",")) throw new ApiError("ambiguous_credentials", TWICE);
  let bearer: string | null = null;
  if (authorization !== null) {
    const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(authorization.length <= 512 ? authorization : "");
    if (!match) throw new ApiError("invalid_api_key", 'The Authorization header must be "Bearer <key>".', undefined, INVALID_TOKEN_CHALLENGE);
    bearer = match[1];
  }
  const xApiKey = apiKeyHeader?.trim() || null;
  if (bearer && xApiKey && bearer !== xApiKey) {
    throw new ApiError("ambiguous_credentials", "The Authorization and X-API-Key headers carry different keys; send one.");
  }
  const key = bearer ?? xApiKey;
  if (!key) {
    throw new ApiError("missing_api_key", "Send an API key in the Authorization header (Bearer <key>) or the X-API-Key header. Keys are never accepted in the URL.", undefined, {
      "WWW-Authenticate": 'Bearer realm="latchkey"',
    });
  }
  return key;
}

/** Thrown for a refused known key, so the caller can audit the refusal in the key's project. */
class KnownKeyRefusal extends ApiError {
  constructor(
    error: ApiError,
    readonly key: { id: string; projectId: string; name: string },
  ) {
    super(error.code, error.message, error.details, error.headers);
  }
}

/**
 * The per-address failed-check block (only unknown keys count: guessing) withholds the database
 * read, not the answer: a key whose hash this instance's cache already holds (valid, revoked,
 * expired or deleted) is answered from memory even while its address is blocked, so one guessing
 * client behind a shared address cannot lock out the keys already in use there.
 */
async function authenticate(req: Request, ip: string | null): Promise<VerifiedKey> {
  const candidate = credentialFrom(req.headers);
  const limiterKey = ip ?? "unknown";
  const cachedHere = () => keyCache().peek(hashKey(candidate));
  let source = lookup();
  const retry = await rateLimits().failedChecksRetryAfter(limiterKey);
  if (retry > 0) {
    const cached = cachedHere();
    if (cached === undefined) {
      throw new ApiError("rate_limited", "Too many failed key checks from this address; try again later.", undefined, failedChecksRefusalHeaders(retry));
    }
    source = async () => (cached === "deleted" ? null : cached);
  }
  const result = await verifyKey(candidate, source);
  if (result.ok) return result.key;
  // Only unknown keys count; a malformed key costs no read, a revoked, expired or deleted one a cached read.
  if (result.unknownKey && cachedHere() !== "deleted") await rateLimits().recordFailedCheck(limiterKey);
  const refusal = new ApiError(result.code, result.message, undefined, INVALID_TOKEN_CHALLENGE);
  throw result.key ? new KnownKeyRefusal(refusal, result.key) : refusal;
}

/**
 * Counts the request against the key's limit (a key without one, against the platform ceiling, so
 * every keyed response carries the rate-limit fields); over it, 429 before anything else runs.
 */
export async function takeKeyRequest(key: { id: string; rateLimit: number | null }, holder = "key"): Promise<Record<string, string>> {
  const limit = key.rateLimit ?? MAX_RATE_LIMIT;
  const { allowed, headers } = await rateLimits().takeKeyRequest(key.id, limit);
  if (!allowed) {
    throw new ApiError("rate_limited", `This ${holder}'s rate limit (${limit} per minute) is used up; try again in ${headers["Retry-After"]} seconds.`, undefined, headers);
  }
  return headers;
}

/**
 * `query`: the query parameters the route reads; any other is 422 (none by default).
 * `errorResponse`: how a refusal is written, for routes whose standard fixes another error shape
 * (OAuth registration, RFC 7591); the §7 envelope otherwise. `idempotent: false` turns off
 * Idempotency-Key replays for a route whose answer must never be stored.
 */
export type RouteOptions = { query?: QueryNames; errorResponse?: (error: unknown, requestId: string) => Response; idempotent?: boolean };

export function apiRoute<P = Record<string, never>>(
  permission: Permission,
  handler: (ctx: ApiContext<P>) => Promise<unknown>,
  { query = [], errorResponse: answerError = errorResponse, idempotent = true }: RouteOptions = {},
): Guarded<P> {
  const clientCallable = permission === "any" || can("client", permission).allowed;
  const route = async (req: Request, ctx: RouteContext<P>) => {
    const requestId = requestIdFor(req.headers);
    const ip = clientIp(req.headers);
    const url = new URL(req.url);
    let caller: { id: string; projectId: string; name: string } | undefined;
    const startedAt = now();
    const started = performance.now();
    // Per-key usage counts every answer to an identified key, refusals included; the path only, never the query string.
    const counted = (response: Response, errorCode: string | null = null): Response => {
      if (caller) {
        const durationMs = Math.round(performance.now() - started);
        usage.record({
          keyId: caller.id,
          at: startedAt,
          method: req.method,
          path: url.pathname,
          status: response.status,
          ip,
          requestId,
          durationMs,
          errorCode,
          userAgent: req.headers.get("user-agent"),
        });
      }
      return response;
    };
    let limitHeaders: Record<string, string> = {};
    try {
      const key = await authenticate(req, ip);
      caller = key;
      const cors = enforcePlace(key, placeOf(req, ip), clientCallable);
      limitHeaders = { ...cors, ...(await takeKeyRequest(key)) };
      const check = can(key.role, permission, key.permissions);
      if (!check.allowed) throw new ApiError("insufficient_permissions", check.message, undefined, insufficientScopeChallenge(key, permission));
      limitHeaders = await spendQuota(key, limitHeaders);
      if (permission !== "any") usage.usedPermission(key.id, `${permission.resource}:${permission.action}`, startedAt);
      lastUsed.record(key.id, ip, startedAt);
      refuseUnknownQuery(url, query);
      const params = await ctx.params;
      // A plain result is written here with all its headers at once; a Response (or a replay) gets them added.
      let written: Response | undefined;
      const run = async (request: Request) => {
        const result = await handler({ req: request, key, params, requestId, ip });
        return result instanceof Response ? result : (written = json(result, 200, requestId, limitHeaders));
      };
      const answer = idempotent ? await idempotently(req, key, requestId, run) : await run(req);
      return counted(answer === written ? answer : addHeaders(withHeaders(answer, requestId), limitHeaders));
    } catch (error) {
      const known = error instanceof KnownKeyRefusal ? error.key : caller;
      const code = toApiError(error).code;
      if (known && error instanceof ApiError && AUDITED_REFUSALS.has(code)) {
        await recordDeniedCall({ key: known, code, method: req.method, path: url.pathname, ip, userAgent: req.headers.get("user-agent") });
      }
      // A refusal's own fields (a quota's 429 lists the quota after the key's limit) win over the earlier ones.
      const headers = error instanceof ApiError && error.headers ? { ...limitHeaders, ...error.headers } : limitHeaders;
      return counted(addHeaders(answerError(error, requestId), headers), code);
    }
  };
  return Object.assign(route, { [GUARDED]: "key" as const, [CLIENT_CALLABLE]: clientCallable });
}

/** The Allow field of a route that serves `methods`: HEAD wherever GET is, and OPTIONS everywhere. */
export function allowHeader(methods: readonly string[]): string {
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
}

/** 405 in the envelope, behind the key guard, naming the methods a route accepts. */
export function methodNotAllowed<P = Record<string, never>>(allowed: string[]) {
  return apiRoute<P>(
    "any",
    async () => {
      throw new ApiError("method_not_allowed", `This route accepts ${allowed.join(", ")}.`, undefined, { Allow: allowHeader(allowed) });
    },
    { query: "any" },
  );
}

/**
 * OPTIONS (a CORS preflight carries no key): 204 with the methods the route really accepts. It
 * runs no handler and returns no data, so it needs no key. `handlers`: the route's own, so a
 * preflight from an origin some publishable key allows gets CORS fields for the methods a Client
 * key may call (the request itself is then checked against its key's own origins).
 */
export function optionsRoute(methods: readonly string[], handlers: Partial<Record<string, unknown>> = {}): Guarded<unknown> {
  const corsMethods = methods.filter((method) => (handlers[method] as { [CLIENT_CALLABLE]?: boolean } | undefined)?.[CLIENT_CALLABLE] === true);
  const route = async (req: Request) => {
    const headers = { ...apiHeaders(requestIdFor(req.headers)), allow: allowHeader(methods), ...(corsMethods.length > 0 ? await preflight(req.headers, corsMethods) : {}) };
    return new Response(null, { status: 204, headers });
  };
  return Object.assign(route, { [GUARDED]: "preflight" as const });
}

/** For the few routes that need no key (health, OpenAPI): same envelope and request id. */
export function publicRoute(handler: (ctx: { req: Request; requestId: string }) => Promise<unknown>, { query = [] }: RouteOptions = {}): Guarded<unknown> {
  const route = async (req: Request) => {
    const requestId = requestIdFor(req.headers);
    try {
      if (req.url.includes("?")) refuseUnknownQuery(new URL(req.url), query); // no query, nothing to refuse
      const result = await handler({ req, requestId });
      return result instanceof Response ? withHeaders(result, requestId) : json(result, 200, requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
  return Object.assign(route, { [GUARDED]: "public" as const });
}

/** 405 for a method a public route does not serve: no key is asked for first, as on the route itself. */
export function publicMethodNotAllowed(allowed: string[]) {
  return publicRoute(
    async () => {
      throw new ApiError("method_not_allowed", `This route accepts ${allowed.join(", ")}.`, undefined, { Allow: allowHeader(allowed) });
    },
    { query: "any" },
  );
}

export function withHeaders(response: Response, requestId: string): Response {
  for (const [name, value] of Object.entries(apiHeaders(requestId))) response.headers.set(name, value);
  return response;
}
