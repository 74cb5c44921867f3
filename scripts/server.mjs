// The HTTP server behind `npm start` (and `npm run dev`): Next.js with two things `next start`
// lacks. It overwrites X-Forwarded-For with the address it trusts (Next keeps a client-sent one,
// which would let anyone choose their IP for rate limits and audit entries), and on SIGTERM or
// SIGINT it stops accepting, flushes the batched "last used" and usage writes, then exits.
import { createServer } from "node:http";
import next from "next";
import { fileURLToPath } from "node:url";
import { ACTION_BODY_LIMIT_BYTES } from "./body-limits.mjs";

/**
 * The caller's address: the socket peer, or with TRUST_PROXY_HOPS=N reverse proxies in front,
 * the address the outermost trusted proxy saw (N entries from the right of X-Forwarded-For).
 */
export function trustedClientAddress(forwardedFor, socketAddress, hops) {
  const chain = [...(forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean), socketAddress ?? ""];
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

async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT || 3000);
  const host = process.env.LATCHKEY_HOST || undefined;
  const hops = Math.max(0, Number.parseInt(process.env.TRUST_PROXY_HOPS ?? "0", 10) || 0);
  const app = next({ dev, hostname: host ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    const forwarded = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = trustedClientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, req.socket.remoteAddress, hops);
    if (actionBodyTooLarge(req.method, req.headers)) {
      res.writeHead(413, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
      res.end(`The request body is larger than ${ACTION_BODY_LIMIT_BYTES / 1024} KiB.\n`);
      return;
    }
    handle(req, res);
  });
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
