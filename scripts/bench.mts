// `npm run bench`: measures the key check (SPEC §10) on this machine and prints the figures.
// Runs under tsx with the react-server condition so lib/ modules load outside Next.js.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
// @ts-expect-error plain ESM script without types
import { migrate } from "./migrate.mjs";

const dir = path.resolve("data/bench");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.LATCHKEY_SECRET ??= randomBytes(32).toString("hex");
migrate(process.env.DATABASE_URL, { quiet: true });

const { generateKey, keyPreview, parseKey } = await import("@/lib/keys/format");
const { hashKey } = await import("@/lib/keys/hash");
const { verifyKey } = await import("@/lib/keys/verify");
const { findKeyByHash } = await import("@/lib/keys/lookup");
const { can } = await import("@/lib/permissions");
const { disconnectDb } = await import("@/lib/db");

/** Inserts `count` keys straight into SQLite (setup only, not measured) and returns some of them. */
function seed(count: number): string[] {
  const conn = new Database(file);
  const now = Date.now();
  conn.prepare("INSERT OR IGNORE INTO Project (id, slug, name, version, createdAt) VALUES ('p1', 'bench', 'Bench', 0, ?)").run(now);
  const insert = conn.prepare(
    "INSERT INTO ApiKey (id, projectId, name, description, kind, role, scope, hash, preview, createdAt, updatedAt) VALUES (?, 'p1', ?, '', 'sk', 'editor', 'all', ?, ?, ?, ?)",
  );
  const existing = (conn.prepare("SELECT COUNT(*) AS n FROM ApiKey").get() as { n: number }).n;
  const sample: string[] = [];
  conn.transaction(() => {
    for (let i = existing; i < count; i++) {
      const key = generateKey("sk");
      insert.run(`k${i}`, `key ${i}`, hashKey(key), keyPreview(key), now, now);
      if (sample.length < 1000) sample.push(key);
    }
  })();
  conn.close();
  return sample;
}

function rate(label: string, iterations: number, elapsedMs: number, target?: string) {
  const perSecond = Math.round((iterations / elapsedMs) * 1000);
  const micros = ((elapsedMs * 1000) / iterations).toFixed(1);
  console.log(`${label.padEnd(58)} ${perSecond.toLocaleString("en-US").padStart(10)} /s  (${micros} µs each)${target ? `  target ${target}` : ""}`);
  return perSecond;
}

async function coldChecks(keys: string[], rounds: number) {
  for (let i = 0; i < 1_000; i++) await verifyKey(keys[i % keys.length], findKeyByHash); // JIT and client warm-up; there is no cache
  const start = performance.now();
  for (let i = 0; i < rounds; i++) {
    const result = await verifyKey(keys[i % keys.length], findKeyByHash);
    if (!result.ok || !can(result.key.role, { resource: "campaigns", action: "read" }).allowed) throw new Error("bench key failed");
  }
  return performance.now() - start;
}

console.log(`Latchkey bench · node ${process.version} · ${new Date().toISOString()}\n`);

const offline = generateKey("sk");
let start = performance.now();
const N = 200_000;
for (let i = 0; i < N; i++) if (!parseKey(offline).ok) throw new Error("parse failed");
rate("format + checksum check (no I/O)", N, performance.now() - start);

start = performance.now();
for (let i = 0; i < N; i++) hashKey(offline);
rate("SHA-256 of a key", N, performance.now() - start);

const forged = offline.slice(0, -6) + "000000";
start = performance.now();
for (let i = 0; i < N; i++) if ((await verifyKey(forged, findKeyByHash)).ok) throw new Error("forged key passed");
rate("forged key rejected by checksum (no database read)", N, performance.now() - start);

const small = seed(1_000);
const smallRate = rate("cold key check through Prisma, SQLite, 1,000 keys", 3_000, await coldChecks(small, 3_000), "≥ 2,000/s");
seed(100_000);
const largeRate = rate("cold key check through Prisma, SQLite, 100,000 keys", 3_000, await coldChecks(small, 3_000));
console.log(`\nverification cost at 100,000 keys vs 1,000: ${(smallRate / largeRate).toFixed(2)}× (target: flat, ≤ 1.2×)`);
console.log("(the warm-cache figure and the HTTP throughput ratio come with the verification cache, issue 6)");

await disconnectDb();
fs.rmSync(dir, { recursive: true, force: true });
