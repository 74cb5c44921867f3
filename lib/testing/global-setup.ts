import fs from "node:fs";
import pg from "pg";
// @ts-expect-error plain ESM script without types
import { migrate } from "../../scripts/migrate.mjs";
import { PG_ADMIN_URL, PG_TEMPLATE, pgUrl, SQLITE_DIR, SQLITE_TEMPLATE, TEST_ENGINE } from "./engines";

// One migrated template per run; every test file then gets its own copy (see database.ts).
async function dropTestDatabases(client: pg.Client, includeTemplate: boolean) {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'latchkey_t_%'");
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  if (includeTemplate) await client.query(`DROP DATABASE IF EXISTS "${PG_TEMPLATE}" WITH (FORCE)`);
}

export async function setup() {
  if (TEST_ENGINE === "postgres") {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    await dropTestDatabases(client, true);
    await client.query(`CREATE DATABASE "${PG_TEMPLATE}"`);
    await client.end();
    migrate(pgUrl(PG_TEMPLATE), { quiet: true });
    return async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await dropTestDatabases(c, true);
      await c.end();
    };
  }
  fs.rmSync(SQLITE_DIR, { recursive: true, force: true });
  fs.mkdirSync(SQLITE_DIR, { recursive: true });
  migrate(`file:${SQLITE_TEMPLATE}`, { quiet: true });
  return () => fs.rmSync(SQLITE_DIR, { recursive: true, force: true });
}
