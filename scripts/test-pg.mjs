// Runs the Vitest suite on PostgreSQL (`npm run test:pg`), starting the local cluster first if it is down and we are root.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded, root } from "./start.mjs";

const url = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function reachable() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function fail(message) {
  console.error(`test:pg: ${message}`);
  process.exit(1);
}

async function ensurePostgres() {
  if (await reachable()) return;
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  if (!local || process.getuid?.() !== 0 || !versions.length) {
    fail(`PostgreSQL is not reachable at ${url}. Start it, or point TEST_PG_URL at a server.`);
  }
  const version = versions.at(-1);
  console.log(`test:pg: PostgreSQL is not reachable, starting cluster ${version}/main`);
  const started = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  if (started.status !== 0) fail(`pg_ctlcluster could not start ${version}/main, and ${url} does not answer`);
  for (let i = 0; i < 30; i++) {
    if (await reachable()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  fail(`started cluster ${version}/main, but ${url} still does not answer`);
}

await ensurePostgres();
buildIfNeeded(); // the scale-out suite (lib/**/*.pg-test.ts) starts production servers
const result = spawnSync(path.join(root, "node_modules/.bin/vitest"), ["run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE: "postgres", TEST_PG_URL: url },
});
process.exit(result.status ?? 1);
