// The API's fast path (SPEC §17): /api/health and /api/v1/** are answered by the route handlers
// Next.js built, called directly, without Next.js's request pipeline (its router, render and
// tracing layers cost more per request than the whole key check). The handlers are the same
// compiled modules Next.js loads (`.next/server/app/…/route.js`, one module instance shared with
// it) and are written as plain Request → Response functions that need nothing from Next.js's
// request context: the Vitest suite calls them the same way. Anything this path does not serve
// exactly as Next.js would (a trailing slash, an encoded or dot segment, an absolute-form URL, a
// method the route does not export) is handed to Next.js, which answers it as before.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { apiHeaders, describeError, errorEnvelope, requestIdOf } from "./api-envelope.mjs";

const require = createRequire(import.meta.url);

/** The pages (as in Next.js's app-paths manifest, without `/route`) this path serves. */
export const servedDirectly = (page) => page === "/api/health" || page.startsWith("/api/v1/");

const kindOf = (segment) => (segment.startsWith("[[...") ? "optional" : segment.startsWith("[...") ? "catch-all" : segment.startsWith("[") ? "param" : "static");
const RANK = { static: 0, param: 1, "catch-all": 2, optional: 3 };

/** Next.js's order: at the first segment where two routes differ, a static one wins over [param], which wins over [...catchAll]. */
function compareRoutes(a, b) {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const [x, y] = [a.segments[i], b.segments[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const order = RANK[kindOf(x)] - RANK[kindOf(y)];
    if (order !== 0) return order;
  }
  return 0;
}

/** The route table of the pages `served` selects, from a build's app-paths manifest, in matching order. */
export function routeTable(manifest, served = servedDirectly) {
  return Object.entries(manifest)
    .filter(([page]) => page.endsWith("/route"))
    .map(([page, file]) => ({ page: page.slice(0, -"/route".length), file }))
    .filter(({ page }) => served(page) && !/[()@]/.test(page))
    .map((route) => ({ ...route, segments: route.page.split("/").slice(1) }))
    .sort(compareRoutes);
}

/** The parameters of `segments` matched by a path's parts, or null. */
function matchSegments(segments, parts) {
  const params = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const kind = kindOf(segment);
    if (kind === "catch-all" || kind === "optional") {
      if (kind === "catch-all" && i >= parts.length) return null;
      params[segment.replace(/^\[\[?\.\.\.|\]?\]$/g, "")] = parts.slice(i);
      return params;
    }
    if (i >= parts.length) return null;
    if (kind === "param") params[segment.slice(1, -1)] = parts[i];
    else if (segment !== parts[i]) return null;
  }
  return parts.length === segments.length ? params : null;
}

/** RFC 3986 path characters, less percent-encoding: anything else (`#`, `\\`, a space) the URL parser would rewrite. */
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/**
 * The route and parameters for a request target (`/api/v1/keys/k_1?x=1`), or null when this path
 * should not serve it: only origin-form targets under a served page, with no trailing or doubled
 * slash, no dot segment and only plain path characters (no percent-encoding, `#` or `\\`: Next.js
 * normalises and decodes those; it still will).
 */
export function findRoute(table, target) {
  if (!target.startsWith("/api/")) return null;
  const query = target.indexOf("?");
  const pathname = query === -1 ? target : target.slice(0, query);
  if (!PLAIN_PATH.test(pathname) || pathname.endsWith("/") || pathname.includes("//") || pathname.includes("/.")) return null;
  const parts = pathname.split("/").slice(1);
  for (const route of table) {
    const params = matchSegments(route.segments, parts);
    if (params) return { route, params };
  }
  return null;
}

/**
 * The handler a route module exports for `method`, HEAD falling back to GET as in Next.js; null
 * when it exports none (Next.js then answers).
 */
function handlerFor(userland, method) {
  const handler = userland[method] ?? (method === "HEAD" ? userland.GET : undefined);
  return typeof handler === "function" ? handler : null;
}

/** The user code of a built route module: what `app/…/route.ts` exports. */
async function loadUserland(file) {
  const { routeModule } = require(file);
  if (!routeModule) throw new Error(`${file} has no routeModule: this Next.js build is not one the API's fast path knows`);
  await routeModule.ensureUserland?.();
  return routeModule.userland;
}

/**
 * A Node.js request's headers as a Headers object, read from the parsed headers (where the server
 * has put the X-Forwarded-For it trusts), never from the raw ones the client sent. Throws on a
 * value the Fetch API refuses (Next.js then answers).
 */
function headersOf(req) {
  const headers = new Headers();
  for (const name in req.headers) {
    const value = req.headers[name];
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

/**
 * A request body as a stream the handler reads at its own pace. What the handler leaves unread (it
 * stopped at its size limit, or never read) is drained once the answer is written (drain()), as
 * Next.js does: an unread body would make Node.js close the connection under the client, which
 * could then miss the answer. Readable.toWeb would destroy the socket on cancel instead.
 */
function bodyOf(req) {
  let open = true;
  const settle = (action) => {
    if (!open) return;
    open = false;
    try {
      action();
    } catch {
      // the handler cancelled the stream already
    }
  };
  return new ReadableStream({
    start(controller) {
      req.on("data", (chunk) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (controller.desiredSize <= 0) req.pause();
      });
      req.on("end", () => settle(() => controller.close()));
      req.on("error", (error) => settle(() => controller.error(error)));
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      req.resume();
    },
  });
}

/** Reads and drops whatever of the request body the handler left, keeping the connection. */
function drain(req) {
  if (req.complete) return;
  req.removeAllListeners("data");
  req.resume();
}

/** The Request a route handler takes: the path and query under a fixed origin (no handler reads the host), the body streamed. */
function toRequest(req, headers) {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://localhost${req.url}`, { method: req.method, headers, ...(hasBody ? { body: bodyOf(req), duplex: "half" } : {}) });
}

/**
 * Writes a Response to a Node.js response, its body read whole (the API's answers are JSON, not
 * streams) and sent without a Content-Length, as Next.js sends it: compression then applies to
 * answers of every size, as before.
 */
async function send(req, res, response) {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  const headers = {};
  for (const [name, value] of response.headers) if (name !== "set-cookie" && name !== "content-length") headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  drain(req);
  res.writeHead(response.status, headers);
  res.end(body ?? undefined);
}

/**
 * The fast path for a production build in `distDir`. `serve(req, res)` answers and returns true,
 * or returns false without touching the request, for Next.js to answer. Every route module is
 * loaded at start, so a build this path cannot read fails the start, not a request.
 */
export async function apiFastPath(distDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server/app-paths-manifest.json"), "utf8"));
  const table = routeTable(manifest);
  const userlands = new Map();
  for (const route of table) userlands.set(route, await loadUserland(path.join(distDir, "server", route.file)));
  // Next.js's own response compression, so answers are encoded exactly as before.
  const compress = require("next/dist/compiled/compression")();

  return function serve(req, res) {
    const found = findRoute(table, req.url);
    if (!found) return false;
    const handler = handlerFor(userlands.get(found.route), req.method);
    if (!handler) return false;
    let headers;
    try {
      headers = headersOf(req);
    } catch {
      return false;
    }
    compress(req, res, () => {
      Promise.resolve()
        .then(() => handler(toRequest(req, headers), { params: Promise.resolve(found.params) }))
        .then((response) => send(req, res, response))
        .catch((error) => {
          // The route wrappers answer every error themselves; this is one past them (writing the answer failed).
          drain(req);
          if (res.headersSent) return void res.destroy();
          answerInternalError(res, req, found.route.page, error);
        })
        .catch(() => res.destroy());
    });
    return true;
  };
}

function answerInternalError(res, req, page, error) {
  const requestId = requestIdOf(req.headers["x-request-id"]);
  console.error(`[${requestId}] unhandled error in /api handler ${req.method} ${page}: ${describeError(error)}`);
  const body = JSON.stringify(errorEnvelope("internal", "Something went wrong on our side. Quote the request id if you contact support.", requestId));
  res.writeHead(500, { "content-type": "application/json", ...apiHeaders(requestId) });
  res.end(body);
}
