// Runs the suites that need real services (`npm run test:services`): the whole Vitest suite on
// PostgreSQL, plus the suites only this command runs: *.pg-test.ts (several production servers on
// one database), *.redis-test.ts (limits shared through Redis) and *.server-test.ts (a production
// server under a sign-in flood). `npm test` needs none of them.
// Says which service it could not reach and how to start it; as root on this machine's own
// PostgreSQL cluster or Redis, it starts them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded, root } from "./start.mjs";

const pgUrl = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const isRoot = process.getuid?.() === 0;
const isLocal = (url) => ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message) {
  console.error(`test:services: ${message}`);
  process.exit(1);
}

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PING over a plain socket, so this check needs no client library. */
function redisAnswers() {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

async function waitFor(check) {
  for (let i = 0; i < 30; i++) {
    if (await check()) return true;
    await sleep(1000);
  }
  return false;
}

async function ensurePostgres() {
  if (await postgresAnswers()) return;
  const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  const howTo = versions.length ? `start it (as root: pg_ctlcluster --skip-systemctl-redirect ${versions.at(-1)} main start)` : "install and start PostgreSQL (Debian: apt-get install -y postgresql)";
  if (!isLocal(pgUrl) || !isRoot || !versions.length) fail(`PostgreSQL is not reachable at ${pgUrl}: ${howTo}, or point TEST_PG_URL at a server.`);
  const version = versions.at(-1);
  console.log(`test:services: PostgreSQL is not reachable, starting cluster ${version}/main`);
  spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  if (!(await waitFor(postgresAnswers))) fail(`started cluster ${version}/main, but ${pgUrl} still does not answer`);
}

async function ensureRedis() {
  if (await redisAnswers()) return;
  const installed = spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;
  const howTo = installed ? `start it (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no)` : "install and start Redis (Debian: apt-get install -y redis-server)";
  if (!isLocal(redisUrl) || !installed) fail(`Redis is not reachable at ${redisUrl}: ${howTo}, or point REDIS_TEST_URL at a server.`);
  const port = new URL(redisUrl).port || "6379";
  console.log(`test:services: Redis is not reachable, starting redis-server on port ${port}`);
  spawnSync("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"], { stdio: "inherit" });
  if (!(await waitFor(redisAnswers))) fail(`started redis-server, but ${redisUrl} still does not answer`);
}

await ensurePostgres();
await ensureRedis();
buildIfNeeded(); // the scale-out and flood suites (*.pg-test.ts, *.server-test.ts) start production servers
// The suites that start production servers or measure time under load run one file at a time, after
// the rest (which runs a file per core); with file filters given, exactly those run, in one pass.
const SERVICE_SUITES = [".pg-test.ts", ".redis-test.ts", ".server-test.ts"];
const vitest = (args, workers) =>
  spawnSync(path.join(root, "node_modules/.bin/vitest"), ["run", ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE: "postgres", TEST_PG_URL: pgUrl, REDIS_TEST_URL: redisUrl, ...(workers ? { VITEST_MAX_WORKERS: String(workers) } : {}) },
  }).status ?? 1;
const filters = process.argv.slice(2);
if (filters.length) process.exit(vitest(filters));
const rest = vitest(SERVICE_SUITES.map((suffix) => `--exclude=**/*${suffix}`));
const services = vitest(SERVICE_SUITES, 1);
process.exit(rest || services);
