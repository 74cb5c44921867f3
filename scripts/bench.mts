// `npm run bench`: measures the figures of SPEC §10 and §17 on this machine, prints each next to its
// target, and exits non-zero when one is missed. Runs under tsx with the react-server condition so
// lib/ modules load outside Next.js; the HTTP figures use a production server (built if needed) and
// autocannon as a second process. `npm run bench -- --http` measures only the HTTP path against
// the bare Next.js ceiling (§17), about a minute and a half; `-- --profile` does the same with each
// server under `node --cpu-prof`.
import fs from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import bcrypt from "bcryptjs";
// @ts-expect-error plain ESM script without types
import { migrate } from "./migrate.mjs";
// @ts-expect-error plain ESM script without types
import { buildIfNeeded, root } from "./start.mjs";
import { buildCeilingIfMissing, startCeiling } from "../bench/ceiling.mts";

const httpOnly = process.argv.includes("--http") || process.argv.includes("--profile");
// `--warm`: only the in-process key checks (a few seconds), without the cold reads, HTTP and the spray.
const warmOnly = process.argv.includes("--warm");

const dir = path.resolve("data/bench");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.LATCHKEY_SECRET ??= randomBytes(32).toString("hex");
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
migrate(process.env.DATABASE_URL, { quiet: true });

const { generateKey, keyPreview, parseKey } = await import("@/lib/keys/format");
const { hashKey } = await import("@/lib/keys/hash");
const { verifyKey } = await import("@/lib/keys/verify");
const { findKeyByHash } = await import("@/lib/keys/lookup");
const { KeyCache } = await import("@/lib/keys/cache");
const { can } = await import("@/lib/permissions");
const { disconnectDb } = await import("@/lib/db");
const { MAX_RATE_LIMIT } = await import("@/lib/keys/schemas");
const { decidePlace } = await import("@/lib/keys/restriction-check");
const { quotaSpender } = await import("@/lib/keys/quota-store");

type Figure = { label: string; value: string; target: string; ok: boolean | null };
const figures: Figure[] = [];
function report(label: string, value: string, target = "", ok: boolean | null = null, note = "") {
  figures.push({ label, value, target, ok });
  const mark = ok === null ? " " : ok ? "✓" : "✗";
  console.log(`${mark} ${label.padEnd(62)} ${value.padStart(16)}${target ? `   target ${target}` : ""}${note ? `   (${note})` : ""}`);
}
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString("en-US");

/** Inserts keys straight into SQLite (setup only, not measured) until the project has `count`; returns some of them. */
function seed(projectId: string, count: number): string[] {
  const conn = new Database(file);
  const now = Date.now();
  conn.prepare("INSERT OR IGNORE INTO Project (id, slug, name, version, revealSecretKeys, createdAt) VALUES (?, ?, ?, 0, 0, ?)").run(projectId, projectId, projectId, now);
  const insert = conn.prepare("INSERT INTO ApiKey (id, projectId, name, description, kind, role, scope, hash, preview, createdAt, updatedAt) VALUES (?, ?, ?, '', 'sk', 'editor', 'all', ?, ?, ?, ?)");
  const existing = (conn.prepare("SELECT COUNT(*) AS n FROM ApiKey WHERE projectId = ?").get(projectId) as { n: number }).n;
  const sample: string[] = [];
  conn.transaction(() => {
    for (let i = existing; i < count; i++) {
      const key = generateKey("sk");
      insert.run(`${projectId}-k${i}`, projectId, `key ${i}`, hashKey(key), keyPreview(key), now - i, now);
      if (sample.length < 1000) sample.push(key);
    }
  })();
  conn.close();
  return sample;
}

/** 1,000 keys with an allow list of 100 CIDR ranges (the caller's address in the last one) and a quota of a billion a day; returns them. */
function seedRestricted(projectId: string): string[] {
  const conn = new Database(file);
  const now = Date.now();
  conn.prepare("INSERT OR IGNORE INTO Project (id, slug, name, version, revealSecretKeys, createdAt) VALUES (?, ?, ?, 0, 0, ?)").run(projectId, projectId, projectId, now);
  const ranges = [...Array.from({ length: 99 }, (_, i) => `10.${i}.0.0/16`), "203.0.113.0/24"].join("\n");
  const insert = conn.prepare(
    "INSERT INTO ApiKey (id, projectId, name, description, kind, role, scope, hash, preview, allowedIps, quota, quotaPeriod, createdAt, updatedAt) VALUES (?, ?, ?, '', 'sk', 'editor', 'all', ?, ?, ?, 1000000000, 'day', ?, ?)",
  );
  const keys: string[] = [];
  conn.transaction(() => {
    for (let i = 0; i < 1_000; i++) {
      const key = generateKey("sk");
      insert.run(`${projectId}-r${i}`, projectId, `restricted ${i}`, hashKey(key), keyPreview(key), ranges, now, now);
      keys.push(key);
    }
  })();
  conn.close();
  return keys;
}

/** The warm check with the restrictions of SPEC §16: the key, its permission, its allow list (100 ranges) and a unit of its quota, per request. */
async function restrictedChecks(keys: string[], rounds: number, lookup: (hash: string) => ReturnType<typeof findKeyByHash>) {
  const place = { ip: "203.0.113.77", origin: null, browser: false };
  const spender = quotaSpender();
  const once = async (key: string) => {
    const result = await verifyKey(key, lookup);
    if (!result.ok || !can(result.key.role, { resource: "campaigns", action: "read" }, result.key.permissions).allowed) throw new Error("bench key failed");
    if (!decidePlace(result.key, place).allowed) throw new Error("bench address refused");
    const quota = result.key.restrictions!.quota!;
    const spent = spender.spend(result.key.id, quota.limit, quota.period, Date.now());
    if (!(spent instanceof Promise ? await spent : spent).allowed) throw new Error("bench quota refused");
  };
  for (let i = 0; i < Math.min(rounds, 20_000); i++) await once(keys[i % keys.length]); // JIT, cache and quota leases warm-up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await once(keys[i % keys.length]);
  const rate = perSecond(rounds, performance.now() - start);
  await spender.returnIdle(Date.now(), { force: true });
  return rate;
}

/** Inserts an OAuth client (its backing key row) and `count` live access tokens for campaigns:read; returns the tokens. */
function seedAccessTokens(projectId: string, count: number): string[] {
  const conn = new Database(file);
  const now = Date.now();
  conn
    .prepare(
      "INSERT INTO ApiKey (id, projectId, name, description, kind, role, scope, hash, preview, permissions, createdAt, updatedAt) VALUES ('oc1', ?, 'bench client', '', 'oc', 'custom', 'all', ?, 'OAuth client', ?, ?, ?)",
    )
    .run(projectId, hashKey("bench-client"), JSON.stringify({ campaigns: "read" }), now, now);
  conn
    .prepare(
      "INSERT INTO OAuthClient (id, projectId, clientId, keyId, name, scope, authMethod, secretHash, registrationTokenHash, registeredByType, registeredByLabel, createdAt, updatedAt) VALUES ('c1', ?, 'lkc_bench', 'oc1', 'bench client', 'campaigns:read', 'client_secret_basic', ?, ?, 'user', 'bench', ?, ?)",
    )
    .run(projectId, hashKey(generateKey("cs")), hashKey(generateKey("rt")), now, now);
  const insert = conn.prepare("INSERT INTO OAuthToken (id, clientId, keyId, hash, scope, expiresAt, createdAt) VALUES (?, 'c1', 'oc1', ?, 'campaigns:read', ?, ?)");
  const tokens: string[] = [];
  conn.transaction(() => {
    for (let i = 0; i < count; i++) {
      const token = generateKey("at");
      insert.run(`t${i}`, hashKey(token), now + 3_600_000, now);
      tokens.push(token);
    }
  })();
  conn.close();
  return tokens;
}

async function checks(keys: string[], rounds: number, lookup: (hash: string) => ReturnType<typeof findKeyByHash>) {
  for (let i = 0; i < Math.min(rounds, 2_000); i++) await verifyKey(keys[i % keys.length], lookup); // JIT, client and cache warm-up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) {
    const result = await verifyKey(keys[i % keys.length], lookup);
    if (!result.ok || !can(result.key.role, { resource: "campaigns", action: "read" }, result.key.permissions).allowed) throw new Error("bench key failed");
  }
  return perSecond(rounds, performance.now() - start);
}

console.log(`Latchkey bench · node ${process.version} · ${new Date().toISOString()} · ${os.availableParallelism()} cores\n`);

// ---- In process ----------------------------------------------------------------------------------
let sample: string[] = [];
if (httpOnly) sample = seed("p1", 1_000);
else await inProcess();
async function inProcess() {
  const offline = generateKey("sk");
  let start = performance.now();
  const N = 200_000;
  for (let i = 0; i < N; i++) if (!parseKey(offline).ok) throw new Error("parse failed");
  report("format + checksum check (no I/O)", `${fmt(perSecond(N, performance.now() - start))}/s`);
  const forged = offline.slice(0, -6) + "000000";
  start = performance.now();
  for (let i = 0; i < N; i++) if ((await verifyKey(forged, findKeyByHash)).ok) throw new Error("forged key passed");
  report("forged key refused by its checksum (no database read)", `${fmt(perSecond(N, performance.now() - start))}/s`);

  sample = seed("p1", 1_000);
  const warm = await checks(sample, 500_000, new KeyCache(findKeyByHash).lookup);
  report("key check, warm cache (hash + lookup + permission), one core", `${fmt(warm)}/s`, "≥ 200,000/s", warm >= 200_000);
  const tokens = seedAccessTokens("p1", 1_000);
  const warmToken = await checks(tokens, 500_000, new KeyCache(findKeyByHash).lookup);
  report("access-token check, warm cache (lk_at_, same path as a key), one core", `${fmt(warmToken)}/s`, "≥ 0.9× a key's", warmToken >= 0.9 * warm);
  const restricted = await restrictedChecks(seedRestricted("p2"), 500_000, new KeyCache(findKeyByHash).lookup);
  report("key check, warm, with an allow list of 100 CIDR ranges and a quota, one core", `${fmt(restricted)}/s`, "≥ 300,000/s", restricted >= 300_000);
  if (warmOnly) return;
  const cold1k = await checks(sample, 3_000, findKeyByHash);
  report("key check, cold (one indexed read through Prisma), SQLite, 1,000 keys", `${fmt(cold1k)}/s`, "≥ 2,000/s", cold1k >= 2_000);
  seed("p1", 1_000_000);
  const cold1m = await checks(sample, 3_000, findKeyByHash);
  report("key check, cold, 1,000,000 keys", `${fmt(cold1m)}/s`);
  const flat = cold1k / cold1m;
  report("check cost at 1,000,000 keys vs at 1,000", `${flat.toFixed(2)}×`, "≤ 1.2×", flat <= 1.2);
  await disconnectDb();
}

// ---- Over HTTP, on a production server ----------------------------------------------------------
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string) {
  for (
    let i = 0;
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    if (i > 300) throw new Error(`${url} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** CPU time (user + system, µs) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuMicros(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

/** `cpuPerRequest`: the server's own CPU time per answered request (µs), which other load on the machine inflates far less than req/s. */
type Run = { rate: number; ok: number; seconds: number; cpuPerRequest: number | null };
/** autocannon, a second process: for `seconds`, or until `amount` requests are answered; `server`: the process whose CPU time to count. */
function load(
  url: string,
  headers: Record<string, string>,
  { seconds = 0, amount = 0, connections = 32, rate = 0, server }: { seconds?: number; amount?: number; connections?: number; rate?: number; server?: ChildProcess },
): Run {
  const until = amount ? ["-a", String(amount)] : ["-d", String(seconds)];
  const args = ["-c", String(connections), ...until, ...(rate ? ["-R", String(rate)] : []), "-j", ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]), url];
  const cpuBefore = cpuMicros(server?.pid);
  const out = JSON.parse(execFileSync(path.join(root, "node_modules/.bin/autocannon"), args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }));
  const cpuAfter = cpuMicros(server?.pid);
  if (out.non2xx > 0 || out.errors > 0 || out.timeouts > 0) throw new Error(`${url}: ${out.non2xx} non-2xx responses, ${out.errors} errors, ${out.timeouts} timeouts`);
  const cpuPerRequest = cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / out["2xx"] : null;
  return { rate: out["2xx"] / out.duration, ok: out["2xx"], seconds: out.duration, cpuPerRequest };
}

type Served = { base: string; child: ChildProcess; spawnedAt: number };

/** A production Latchkey server (scripts/server.mjs over the .next build); `nodeArgs` go to its Node.js, `env` to its environment. */
async function startLatchkey(nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, "scripts/server.mjs")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), LATCHKEY_HOST: "127.0.0.1", NEXTAUTH_URL: base, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitUntilUp(`${base}/api/health`);
  return { base, child, spawnedAt };
}

async function startCeilingServer(nodeArgs: string[] = []): Promise<Served> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = startCeiling(port, nodeArgs);
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${base}/api/health`);
  return { base, child, spawnedAt };
}

/** SIGTERM, then the exit (a server run with --cpu-prof writes its profile on the way out). */
function stop({ child }: Served): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  return exited;
}

// `--profile`: each target on its own server under `node --cpu-prof` (profiles in data/profiles,
// summarised by bench/profile-summary.mjs). The figures then include the profiler's own cost.
const profiling = process.argv.includes("--profile");
const profileDir = path.resolve("data/profiles");
const profiled = (name: string) => (profiling ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : []);

/**
 * SPEC §17: the bare Next.js route (the ceiling), Latchkey's two routes on its fast path, and
 * /api/v1/me through Next.js's own pipeline (LATCHKEY_API_THROUGH_NEXT=1, the path every /api
 * request took before the fast path), 16 connections each, in alternating rounds (a machine that
 * slows down or speeds up weighs on all of them), medians. Returns /api/v1/me's rate.
 */
async function againstCeiling(latchkey: Served): Promise<number> {
  const ceiling = await startCeilingServer(profiled("ceiling"));
  const healthServer = profiling ? await startLatchkey(profiled("latchkey-health")) : latchkey;
  const viaNext = await startLatchkey(profiled("latchkey-me-through-next"), { LATCHKEY_API_THROUGH_NEXT: "1" });
  const servers = [ceiling, healthServer, latchkey, viaNext];
  try {
    const targets = [
      { label: "bare Next.js route handler (next start)", url: `${ceiling.base}/api/health`, headers: {}, server: ceiling.child },
      { label: "Latchkey GET /api/health", url: `${healthServer.base}/api/health`, headers: {}, server: healthServer.child },
      { label: "Latchkey GET /api/v1/me with a key (warm cache)", url: `${latchkey.base}/api/v1/me`, headers: auth, server: latchkey.child },
      { label: "  the same through Next.js (LATCHKEY_API_THROUGH_NEXT=1)", url: `${viaNext.base}/api/v1/me`, headers: auth, server: viaNext.child },
    ];
    for (const t of targets) load(t.url, t.headers, { amount: 3_000, connections: 16 }); // JIT and caches warm
    const loadFrom = performance.now();
    const ROUNDS = 3;
    const runs: Run[][] = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < targets.length; i++) {
        const at = (i + round) % targets.length; // each target goes first once
        runs[at].push(load(targets[at].url, targets[at].headers, { seconds: 5, connections: 16, server: targets[at].server }));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [top, health, me, meViaNext] = runs.map((r) => median(r.map((run) => run.rate)));
    const cpus = runs.map((r) => (r.every((run) => run.cpuPerRequest !== null) ? median(r.map((run) => run.cpuPerRequest!)) : NaN));
    targets.forEach((t, i) => {
      const note = `${runs[i].map((r) => fmt(Math.round(r.rate))).join(" · ")}${Number.isNaN(cpus[i]) ? "" : `; server CPU ${fmt(Math.round(cpus[i]))} µs/request`}`;
      report(`${t.label}, 16 conn., median of ${ROUNDS} × 5 s`, `${fmt(Math.round(median(runs[i].map((r) => r.rate))))} req/s`, "", null, note);
    });
    const [topCpu, healthCpu, meCpu] = cpus;
    if (!Number.isNaN(topCpu)) console.log(`  (by server CPU per request, as a ceiling: /api/health ${(topCpu / healthCpu).toFixed(2)}, /api/v1/me ${(topCpu / meCpu).toFixed(2)} of the bare route)`);
    report("/api/health vs the bare Next.js route", (health / top).toFixed(2), "≥ 0.95", health / top >= 0.95);
    report("/api/v1/me vs the bare Next.js route", (me / top).toFixed(2), "≥ 0.9", me / top >= 0.9);
    report("/api/v1/me vs /api/health throughput", (me / health).toFixed(2), "≥ 0.9", me / health >= 0.9);
    report("/api/v1/me: fast path vs through Next.js", `${(me / meViaNext).toFixed(2)}×`);
    if (profiling) {
      await Promise.all(servers.map(stop));
      console.log("\n  profiles of the measured rounds (start-up and warm-up left out):");
      for (const [i, name] of ["ceiling", "latchkey-health", "latchkey-me", "latchkey-me-through-next"].entries()) {
        const answered = runs[i].reduce((sum, run) => sum + run.ok, 0);
        console.log(`    node bench/profile-summary.mjs ${path.relative(root, profileDir)}/${name}.cpuprofile --from ${Math.floor(loadFrom - servers[i].spawnedAt)} --requests ${answered}`);
      }
    }
    return me;
  } finally {
    await Promise.all(servers.filter((s) => s !== latchkey).map(stop));
  }
}

if (warmOnly) finish();
buildIfNeeded();
buildCeilingIfMissing();
if (profiling) fs.rmSync(profileDir, { recursive: true, force: true });
const auth = { authorization: `Bearer ${sample[0]}` };
const latchkey = await startLatchkey(profiled("latchkey-me"));
const base = latchkey.base;
try {
  const me = await againstCeiling(latchkey);
  if (!httpOnly && !profiling) await underSustainedLoad(me);
} finally {
  await stop(latchkey);
}
if (!httpOnly && !profiling) sprayMemory();

async function underSustainedLoad(me: number) {
  // About 60 seconds of load with the key, as a fixed number of requests so that every request
  // sent is also answered and counted by autocannon (a timed run drops the ones in flight at its
  // end, which the server did answer). Every answer must be 2xx (load() throws otherwise), and
  // the usage counts and "last used", written in batches, must account for exactly these.
  const usageDb = new Database(file, { readonly: true });
  const keyRow = () => usageDb.prepare("SELECT id, lastUsedAt FROM ApiKey WHERE hash = ?").get(hashKey(sample[1])) as { id: string; lastUsedAt: number | string | null };
  const countedSoFar = () => (usageDb.prepare("SELECT COALESCE(SUM(success), 0) AS n FROM KeyUsage WHERE keyId = ?").get(keyRow().id) as { n: number }).n;
  await new Promise((resolve) => setTimeout(resolve, 7_000)); // the earlier runs' last batch (5 s flush) and a margin
  const countedBefore = countedSoFar();
  const sustainedStart = Date.now();
  // One key may make at most MAX_RATE_LIMIT requests a minute, fewer than the fast path answers:
  // this load is a minute at most 95% of that, with a key of its own (the rounds above used another).
  const rate = Math.min(Math.round(me), Math.floor((MAX_RATE_LIMIT * 0.95) / 60));
  const sustained = load(`${base}/api/v1/me`, { authorization: `Bearer ${sample[1]}` }, { amount: rate * 60, rate });
  const sustainedEnd = Date.now();
  report(`GET /api/v1/me, ${fmt(sustained.ok)} requests in ${sustained.seconds} s, every response 2xx`, `${fmt(Math.round(sustained.rate))} req/s`);
  await new Promise((resolve) => setTimeout(resolve, 7_000)); // one flush window (5 s) and a margin
  const counted = countedSoFar() - countedBefore;
  const lastUsedAt = new Date(keyRow().lastUsedAt ?? 0).getTime();
  usageDb.close();
  report("requests counted in usage vs requests sent with the key", `${fmt(counted)} of ${fmt(sustained.ok)}`, "all", counted === sustained.ok);
  const lastUsedLag = (sustainedEnd - lastUsedAt) / 1000;
  report('"Last used" at the end of the load (within the 5 s flush window)', `${lastUsedLag.toFixed(1)} s before`, "≤ 5 s", lastUsedAt >= sustainedStart && lastUsedLag <= 5);

  // The API Keys page of a project with 10,000 keys, signed in as its owner.
  seed("p2", 10_000);
  const conn = new Database(file);
  const email = "bench@example.com";
  const password = "bench password 1";
  conn.prepare("INSERT INTO User (id, email, name, passwordHash, createdAt) VALUES ('u1', ?, 'Bench', ?, ?)").run(email, bcrypt.hashSync(password, 12), Date.now());
  conn.prepare("INSERT INTO Membership (id, userId, projectId, role, createdAt) VALUES ('m1', 'u1', 'p2', 'owner', ?)").run(Date.now());
  conn.close();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error("could not sign in to the bench server");
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/p/p2/settings/api-keys`, { headers: { cookie: session } });
    const html = await res.text();
    // One page of the table (20 rows), not 10,000: the page is paginated on the server.
    const rows = html.match(/<tr/g)?.length ?? 0;
    if (res.status !== 200 || rows < 21 || rows > 40) throw new Error(`the API Keys page answered ${res.status} with ${rows} table rows`);
    if (i >= 2) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  report("API Keys page, 10,000 keys: server response (median of 10)", `${median.toFixed(0)} ms`, "< 500 ms", median < 500);
}

// ---- Memory after a spray of random keys -------------------------------------------------------
function sprayMemory() {
  const SPRAY = 1_000_000;
  console.log(`\n  spraying ${fmt(SPRAY)} random keys with valid checksums (about 5 minutes) …`);
  const spray = JSON.parse(
    execFileSync(process.execPath, ["--expose-gc", "--conditions=react-server", "--import", "tsx", path.join(root, "scripts/bench-spray.mts"), String(SPRAY), sample[0]], {
      cwd: root,
      env: process.env,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    })
      .trim()
      .split("\n")
      .at(-1)!,
  ) as { total: number; seconds: number; idleMiB: number; afterMiB: number; statuses: Record<string, number>; validAfter: number; cache: { keys: number; misses: number } };
  const refused = spray.statuses["401"] ?? 0;
  if (refused !== SPRAY || spray.validAfter !== 200) throw new Error(`the spray got ${JSON.stringify(spray.statuses)}; the valid key then got ${spray.validAfter}`);
  report(`spray: ${fmt(SPRAY)} distinct keys from distinct addresses, each 401 after one read`, `${fmt(Math.round(SPRAY / spray.seconds))}/s`);
  const grown = spray.afterMiB - spray.idleMiB;
  report(`memory after the spray, over idle (${spray.idleMiB.toFixed(0)} → ${spray.afterMiB.toFixed(0)} MiB RSS)`, `+${grown.toFixed(0)} MiB`, "≤ 150 MiB", grown <= 150);
}

finish();

function finish(): never {
  fs.rmSync(dir, { recursive: true, force: true });
  const missed = figures.filter((f) => f.ok === false);
  console.log(missed.length ? `\n${missed.length} target(s) missed: ${missed.map((f) => f.label).join("; ")}` : "\nevery target met");
  process.exit(missed.length ? 1 : 0);
}
