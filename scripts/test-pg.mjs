// Runs the Vitest suite on PostgreSQL (`npm run test:pg`), starting the local cluster first if it is down and we are root.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { root } from "./start.mjs";

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

async function ensurePostgres() {
  if (await reachable()) return;
  const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  if (process.getuid?.() !== 0 || !versions.length) {
    console.error(`test:pg: PostgreSQL is not reachable at ${url}. Start it, or point TEST_PG_URL at a server (trust or password in the URL).`);
    process.exit(1);
  }
  const version = versions.at(-1);
  console.log(`test:pg: PostgreSQL is down, starting cluster ${version}/main`);
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  for (let i = 0; i < 30; i++) {
    if (await reachable()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.error(`test:pg: started the cluster, but ${url} still does not answer`);
  process.exit(1);
}

await ensurePostgres();
const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE: "postgres", TEST_PG_URL: url },
});
process.exit(result.status ?? 1);
