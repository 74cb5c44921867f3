// The HTTP server behind `npm start` (and `npm run dev`): Next.js with what `next start` lacks,
// and the API's fast path (api-direct.mjs).
// It overwrites X-Forwarded-For with the address it trusts (Next keeps a client-sent one, which
// would let anyone choose their IP for rate limits and audit entries); it answers the requests
// Next.js cannot (TRACE, CONNECT) or would misread (a repeated credential header) itself; and on
// SIGTERM or SIGINT it stops accepting, flushes the batched "last used" and usage writes, then exits.
import { createServer, STATUS_CODES } from "node:http";
import next from "next";
import { fileURLToPath } from "node:url";
import { ACTION_BODY_LIMIT_BYTES } from "./body-limits.mjs";
import { apiHeaders, errorEnvelope, requestIdOf } from "./api-envelope.mjs";
import { apiFastPath } from "./api-direct.mjs";

export { requestIdOf };

/**
 * The caller's address: the socket peer, or with TRUST_PROXY_HOPS=N reverse proxies in front,
 * the address the outermost trusted proxy saw (N entries from the right of X-Forwarded-For).
 */
export function trustedClientAddress(forwardedFor, socketAddress, hops) {
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    socketAddress ?? "",
  ];
  return chain[Math.max(0, chain.length - 1 - hops)] || "unknown";
}

/**
 * A server action whose declared body is over the limit: Next.js would refuse it too, but with a
 * 500 (security review #12); answered 413 here before any of it is read. A chunked body without
 * Content-Length is still counted and refused by Next.js itself (a 500).
 */
export function actionBodyTooLarge(method, headers) {
  return method === "POST" && headers["next-action"] !== undefined && Number(headers["content-length"] ?? 0) > ACTION_BODY_LIMIT_BYTES;
}

// The methods that reach a route at all; each route's own 405 and OPTIONS name its subset. Any
// other is 405 here: Next.js cannot build a Request for TRACE, CONNECT or TRACK (undici forbids
// them: a plain 500) and answers newer ones such as QUERY with an empty 400.
const SERVED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const SERVED = new Set(SERVED_METHODS.split(", "));
const CREDENTIAL_HEADERS = new Set(["authorization", "x-api-key"]);

/** Whether the request targets /api, in origin form (`/api/v1/me`) or absolute form (`http://host/api/v1/me`). */
function isApiPath(url) {
  try {
    return /^\/api(\/|$)/.test(new URL(url ?? "", "http://origin").pathname);
  } catch {
    return false;
  }
}

/**
 * The answer the server gives itself, before Next.js, or null to hand the request on:
 * 405 for a method no route serves, e.g. TRACE, CONNECT or QUERY (in the §7 envelope under /api), and 400 ambiguous_credentials for
 * an /api request that repeats Authorization or X-API-Key. Node's parser keeps only the first
 * Authorization (and joins repeated X-API-Keys), so only the raw headers show the repeat.
 */
export function answerBeforeNext(method, url, rawHeaders) {
  const api = isApiPath(url);
  const inboundId = () => {
    for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === "x-request-id") return rawHeaders[i + 1];
    return undefined;
  };
  // The asterisk form (RFC 9112 §3.2.4) asks about the server, not a resource: Next.js cannot parse it (a 500).
  if (url === "*") {
    return method === "OPTIONS"
      ? { status: 204, headers: { allow: SERVED_METHODS, "cache-control": "no-store" }, body: "" }
      : { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, body: "Bad Request\n" };
  }
  if (!SERVED.has(method)) {
    if (!api) return { status: 405, headers: { allow: SERVED_METHODS, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, body: "Method Not Allowed\n" };
    return apiError(405, "method_not_allowed", `${method} is not served; this API accepts ${SERVED_METHODS}.`, requestIdOf(inboundId()), { allow: SERVED_METHODS });
  }
  if (api) {
    const seen = new Set();
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i].toLowerCase();
      if (!CREDENTIAL_HEADERS.has(name)) continue;
      if (seen.has(name)) return apiError(400, "ambiguous_credentials", "Send one API key, once: a credential header was sent twice.", requestIdOf(inboundId()));
      seen.add(name);
    }
  }
  return null;
}

/** An answer as raw HTTP/1.1 bytes, for a socket no response object wraps (CONNECT). */
export function rawAnswer({ status, headers, body }) {
  const fields = { ...headers, "content-length": String(Buffer.byteLength(body)), connection: "close" };
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n${body}`;
}

function apiError(status, code, message, requestId, extra = {}) {
  return {
    status,
    headers: { "content-type": "application/json", ...apiHeaders(requestId), ...extra },
    body: JSON.stringify(errorEnvelope(code, message, requestId)),
  };
}

async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT || 3000);
  const host = process.env.LATCHKEY_HOST || undefined;
  const hops = Math.max(0, Number.parseInt(process.env.TRUST_PROXY_HOPS ?? "0", 10) || 0);
  const app = next({ dev, hostname: host ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // /api/health and /api/v1/** straight to their route handlers (scripts/api-direct.mjs); LATCHKEY_API_THROUGH_NEXT=1 sends them through Next.js as well.
  const direct = dev || process.env.LATCHKEY_API_THROUGH_NEXT === "1" ? null : await apiFastPath(fileURLToPath(new URL("../.next", import.meta.url)));

  const server = createServer((req, res) => {
    const forwarded = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = trustedClientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, req.socket.remoteAddress, hops);
    const early = answerBeforeNext(req.method, req.url, req.rawHeaders);
    if (early) {
      res.writeHead(early.status, early.headers);
      res.end(early.body);
      return;
    }
    if (actionBodyTooLarge(req.method, req.headers)) {
      res.writeHead(413, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
      res.end(`The request body is larger than ${ACTION_BODY_LIMIT_BYTES / 1024} KiB.\n`);
      return;
    }
    if (direct?.(req, res)) return;
    handle(req, res);
  });
  // Node.js hands CONNECT to this event, not to the request handler (without a listener it drops the connection).
  server.on("connect", (req, socket) => socket.end(rawAnswer(answerBeforeNext(req.method, req.url, req.rawHeaders))));
  server.listen(port, host, () => console.log(`Latchkey ready on http://${host ?? "localhost"}:${port}${dev ? " (development)" : ""}`));

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and saving last-used times and usage`);
    server.close();
    server.closeIdleConnections?.();
    const timeout = setTimeout(() => process.exit(1), 10_000);
    timeout.unref();
    try {
      await Promise.allSettled([globalThis.__latchkeyLastUsed?.flush(), globalThis.__latchkeyUsage?.flush()]);
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
