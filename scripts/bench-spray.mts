// Part of `npm run bench` (run by scripts/bench.mts in a process of its own, with --expose-gc): the
// memory of the /api/v1 request path after a spray of distinct random keys with valid checksums.
// Each key passes the format check, misses the database once and is answered 401; each request
// comes from its own address, so the per-address limit on failed checks never stops the spray and
// its counters grow too. The requests go through GET /api/v1/me's real route handler (key guard,
// limits, verification cache, the one indexed read), without the HTTP server in front: over HTTP
// a million requests would take ~20 minutes here. Prints one line of JSON.
import { performance } from "node:perf_hooks";

const total = Number(process.argv[2] ?? 1_000_000);
const validKey = process.argv[3];
if (!validKey || typeof globalThis.gc !== "function") throw new Error("usage: node --expose-gc … bench-spray.mts <count> <valid key>");
const gc = globalThis.gc;

const { generateKey } = await import("@/lib/keys/format");
const { GET } = await import("@/app/api/v1/me/route");
const { keyCache } = await import("@/lib/keys/key-changes");
const ctx = { params: Promise.resolve({}) };

let address = 0;
/** A distinct IPv4 address per request (10.0.0.0/8 and up: 16 M before one repeats). */
function nextAddress(): string {
  const n = 0x0a000000 + address++;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

async function call(key: string, ip: string): Promise<number> {
  const res = await GET(new Request("http://bench/api/v1/me", { headers: { authorization: `Bearer ${key}`, "x-forwarded-for": ip } }), ctx);
  await res.arrayBuffer();
  return res.status;
}

async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage().rss;
}

// Idle: the route and its modules loaded and warmed with valid requests.
for (let i = 0; i < 2_000; i++) {
  const status = await call(validKey, "192.0.2.1");
  if (status !== 200) throw new Error(`the valid key got ${status}`);
}
const idle = await settledRss();

const started = performance.now();
let sent = 0;
const statuses = new Map<number, number>();
async function worker() {
  while (sent < total) {
    sent++;
    const status = await call(generateKey("sk"), nextAddress());
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
}
await Promise.all(Array.from({ length: 32 }, worker));
const seconds = (performance.now() - started) / 1000;
const after = await settledRss();
// The valid key still works after the spray.
const validAfter = await call(validKey, "192.0.2.1");

console.log(
  JSON.stringify({
    total,
    seconds,
    idleMiB: idle / 2 ** 20,
    afterMiB: after / 2 ** 20,
    statuses: Object.fromEntries(statuses),
    validAfter,
    cache: keyCache().size,
  }),
);
process.exit(0);
