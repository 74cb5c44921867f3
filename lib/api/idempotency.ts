import "server-only";
import { createHash } from "node:crypto";
import { db, type Db } from "@/lib/db";
import { now } from "@/lib/clock";
import type { VerifiedKey } from "@/lib/keys/verify";
import { readBody } from "./body";
import { ApiError, errorBody, toApiError } from "./errors";

// Idempotency-Key on POST (SPEC §7). The first answer to (API key, Idempotency-Key) is kept for 24
// hours and replayed to a retry with the same method, path, If-Match and body, made while the key
// holds the same permissions; anything else under the same key is 409 `idempotency_key_reused`, a
// retry while the first still runs 409 `idempotency_key_in_use`. The key's role, custom permissions,
// scope and channels shape the answer (a write-only key gets no stored field), so an answer earned
// under other permissions is never replayed: a key turned write-only must not be handed the stored
// fields it got as a reader.
//
// The claim is a row: its unique index (keyId, idempotencyKey) lets exactly one of any number of
// concurrent retries insert it, on either engine and across instances; every other one reads it.
// Nothing is held in memory. Rows leave after 24 hours (deleteExpiredIdempotentRequests, a job).
//
// Kept: every answer below 500 except 409, i.e. what the request itself earned (201, 200, a 422 for
// its body, a 404 for what it names). Not kept (the claim is released and a retry runs again): 5xx,
// and 409 `conflict`, which reports a race with another request and asks to be retried.
// A replay repeats status, body and KEPT_HEADERS byte for byte: an error envelope's `requestId`
// names the request that ran, while the replay's own X-Request-Id header is new.
//
// The stored body is kept in clear, so an answer that reveals a one-time secret (a key created or
// rotated through the API) is never stored: its route names, with withholdOnReplay, the refusal a
// retry gets instead (409 idempotency_key_reused naming the key, never the secret). The request is
// not run again either: a second key would be created or the replacement rotated away.

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000;
/**
 * A claim still unanswered after this long was left by a process that stopped (crash, deploy): the
 * next retry takes it over instead of meeting 409 `idempotency_key_in_use` for a day. Well above the
 * longest a request can run (a 10 s wait for a connection plus a 20 s transaction, lib/db.ts).
 */
export const ABANDONED_AFTER_MS = 2 * 60_000;
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;
/** The response headers a replay repeats, besides status and body. */
const KEPT_HEADERS = ["content-type", "etag", "location", "allow"];
const CLAIM_ATTEMPTS = 3;

/** `bodyHash` (the column's name) covers the whole request and the key's permissions: see fingerprint. */
export type RequestFingerprint = { keyId: string; idempotencyKey: string; method: string; path: string; bodyHash: string };
type Stored = { status: number; body: string; headers: Record<string, string> };
export type Claim = { outcome: "claimed"; id: string } | { outcome: "replay"; answer: Stored } | { outcome: "reused" } | { outcome: "in_use" };

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

/**
 * Claims the fingerprint's (keyId, idempotencyKey) for this request, or says what an earlier
 * request under it decided. A row past the window, or abandoned, is deleted (by its id, so a newer
 * claim is never touched) and the claim tried again; the unique index settles any race that opens.
 */
export async function claimRequest(client: Db, request: RequestFingerprint, at = now()): Promise<Claim> {
  const { keyId, idempotencyKey } = request;
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    try {
      const row = await client.idempotentRequest.create({ data: { ...request, createdAt: at }, select: { id: true } });
      return { outcome: "claimed", id: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await client.idempotentRequest.findUnique({ where: { keyId_idempotencyKey: { keyId, idempotencyKey } } });
    if (!row) continue;
    const age = at.getTime() - row.createdAt.getTime();
    if (age >= IDEMPOTENCY_WINDOW_MS || (row.status === null && age >= ABANDONED_AFTER_MS)) {
      await client.idempotentRequest.deleteMany({ where: { id: row.id } });
      continue;
    }
    if (row.bodyHash !== request.bodyHash) return { outcome: "reused" };
    if (row.status === null) return { outcome: "in_use" };
    return { outcome: "replay", answer: { status: row.status, body: row.responseBody ?? "", headers: JSON.parse(row.responseHeaders ?? "{}") } };
  }
  // Claims of this key keep appearing and vanishing under us: the first request is still settling.
  return { outcome: "in_use" };
}

const withheldAnswers = new WeakMap<Response, ApiError>();

/** Marks an answer that carries a one-time secret: a retry under the same Idempotency-Key gets `instead`. */
export function withholdOnReplay(response: Response, instead: ApiError): Response {
  withheldAnswers.set(response, instead);
  return response;
}

/** Records the answer on the claim, or releases the claim for an answer that is not kept (`always`: a withheld answer's refusal). */
async function settle(client: Db, id: string, status: number, body: string, headers: Headers, always = false): Promise<void> {
  if (!always && (status >= 500 || status === 409)) {
    await client.idempotentRequest.deleteMany({ where: { id } });
    return;
  }
  const kept = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!]] : [])));
  await client.idempotentRequest.updateMany({ where: { id }, data: { status, responseBody: body, responseHeaders: JSON.stringify(kept), completedAt: now() } });
}

/** The answer stands even when it cannot be recorded: the claim is then taken over after ABANDONED_AFTER_MS. */
async function settleOrLog(client: Db, id: string, requestId: string, ...answer: [number, string, Headers, boolean?]): Promise<void> {
  try {
    await settle(client, id, ...answer);
  } catch (error) {
    console.error(`[${requestId}] idempotency: the answer could not be recorded (${(error as { code?: string })?.code ?? "error"})`);
  }
}

/** What shapes the answer besides the request: a change to any of it makes a retry another request. */
function keyPermissions(key: VerifiedKey): string {
  const permissions = Object.entries(key.permissions ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([key.role, permissions, key.scope, [...key.channels].sort()]);
}

function fingerprint(req: Request, key: VerifiedKey, idempotencyKey: string, body: Buffer): RequestFingerprint {
  const url = new URL(req.url);
  const path = url.pathname + url.search;
  const head = JSON.stringify([req.method, path, req.headers.get("if-match"), keyPermissions(key)]);
  const bodyHash = createHash("sha256").update(`${head}\n`).update(body).digest("hex");
  return { keyId: key.id, idempotencyKey, method: req.method, path, bodyHash };
}

function replay({ status, body, headers }: Stored): Response {
  const nullBody = status === 204 || status === 304;
  return new Response(nullBody ? null : body, { status, headers: { ...headers, "Idempotent-Replayed": "true" } });
}

/**
 * Runs `run` at most once per (key, Idempotency-Key) for a POST that carries the header; any other
 * request goes straight to `run`, untouched and at no cost. Called after the key and the permission
 * are checked, so a refused request is never stored. `run` gets a request whose body can still be read.
 */
export async function idempotently(req: Request, key: VerifiedKey, requestId: string, run: (req: Request) => Promise<Response>): Promise<Response> {
  const idempotencyKey = req.method === "POST" ? req.headers.get(IDEMPOTENCY_HEADER) : null;
  if (idempotencyKey === null) return run(req);
  if (!VALID_KEY.test(idempotencyKey)) {
    const message = "The Idempotency-Key header must be 1 to 255 printable ASCII characters.";
    throw new ApiError("validation_failed", message, { issues: [{ path: IDEMPOTENCY_HEADER, message }] });
  }
  const body = await readBody(req);
  const client = db();
  const claim = await claimRequest(client, fingerprint(req, key, idempotencyKey, body));
  if (claim.outcome === "replay") return replay(claim.answer);
  if (claim.outcome === "reused") {
    throw new ApiError(
      "idempotency_key_reused",
      "This Idempotency-Key was used for another request: the method, path, If-Match or body differ, or the API key's permissions (role, custom permissions, scope, channels) changed since the first request. Use a new Idempotency-Key for a new request.",
    );
  }
  if (claim.outcome === "in_use") {
    throw new ApiError("idempotency_key_in_use", "A request with this Idempotency-Key is still running; retry shortly.", undefined, { "Retry-After": "1" });
  }
  let response: Response;
  try {
    response = await run(new Request(req.url, { method: req.method, headers: req.headers, body: body.length > 0 ? new Uint8Array(body) : null }));
  } catch (error) {
    const refusal = toApiError(error);
    await settleOrLog(client, claim.id, requestId, refusal.status, JSON.stringify(errorBody(refusal, requestId)), new Headers({ "content-type": "application/json", ...refusal.headers }));
    throw error;
  }
  const withheld = withheldAnswers.get(response);
  if (withheld) {
    await settleOrLog(client, claim.id, requestId, withheld.status, JSON.stringify(errorBody(withheld, requestId)), new Headers({ "content-type": "application/json" }), true);
  } else {
    await settleOrLog(client, claim.id, requestId, response.status, await response.clone().text(), response.headers);
  }
  return response;
}

/** Retention: claims older than the 24-hour window (they no longer count) are deleted. */
export async function deleteExpiredIdempotentRequests(at = now()): Promise<number> {
  const { count } = await db().idempotentRequest.deleteMany({ where: { createdAt: { lte: new Date(at.getTime() - IDEMPOTENCY_WINDOW_MS) } } });
  return count;
}
