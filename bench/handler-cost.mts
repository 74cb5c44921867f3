// What Latchkey's route wrapper (lib/api/handler.ts) costs per request over a bare route handler,
// in process, without Next.js or the network: the part of the HTTP figures (SPEC §17) this project's
// own code decides. `node --conditions=react-server --import tsx bench/handler-cost.mts`
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
// @ts-expect-error plain ESM script without types
import { migrate } from "../scripts/migrate.mjs";

const dir = path.resolve("data/handler-cost");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.LATCHKEY_SECRET ??= randomBytes(32).toString("hex");
migrate(process.env.DATABASE_URL, { quiet: true });

const { generateKey, keyPreview } = await import("@/lib/keys/format");
const { hashKey } = await import("@/lib/keys/hash");
const health = await import("@/app/api/health/route");
const me = await import("@/app/api/v1/me/route");

const key = generateKey("sk");
const conn = new Database(path.join(dir, "bench.db"));
const now = Date.now();
conn.prepare("INSERT INTO Project (id, slug, name, version, revealSecretKeys, createdAt) VALUES ('p1', 'p1', 'p1', 0, 0, ?)").run(now);
conn
  .prepare("INSERT INTO ApiKey (id, projectId, name, description, kind, role, scope, hash, preview, createdAt, updatedAt) VALUES ('k1', 'p1', 'k', '', 'sk', 'editor', 'all', ?, ?, ?, ?)")
  .run(hashKey(key), keyPreview(key), now, now);
conn.close();

type Handler = (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;
const params = { params: Promise.resolve({}) };
const targets: { label: string; url: string; headers: Record<string, string>; handler: Handler }[] = [
  { label: "bare route handler (Response.json)", url: "http://127.0.0.1/api/health", headers: {}, handler: async () => Response.json({ status: "ok" }) },
  { label: "GET /api/health", url: "http://127.0.0.1/api/health", headers: {}, handler: health.GET as unknown as Handler },
  {
    label: "GET /api/v1/me with a key (warm cache)",
    url: "http://127.0.0.1/api/v1/me",
    headers: { authorization: `Bearer ${key}`, "x-forwarded-for": "127.0.0.1" },
    handler: me.GET as unknown as Handler,
  },
];

async function perCall({ url, headers, handler }: (typeof targets)[number], n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await handler(new Request(url, { headers }), params);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  return ((performance.now() - start) * 1000) / n;
}

for (const t of targets) await perCall(t, 10_000); // JIT, key cache
const rounds = targets.map((): number[] => []);
// 40,000 calls with the key in all: well under its rate limit (100,000 a minute) even when profiled.
for (let round = 0; round < 3; round++) for (const [i, t] of targets.entries()) rounds[i].push(await perCall(t, 10_000));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = median(rounds[0]);
for (const [i, t] of targets.entries()) {
  const us = median(rounds[i]);
  console.log(`${t.label.padEnd(42)} ${us.toFixed(1).padStart(6)} µs per request${i ? `   +${(us - bare).toFixed(1)} µs over the bare handler` : ""}`);
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
