import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
// @ts-expect-error plain ESM script without types
import { migrate } from "../../scripts/migrate.mjs";
import { PG_ADMIN_URL, pgDatabasePrefix, pgTemplate, pgUrl, sqliteDir, sqliteTemplate, TEST_ENGINE } from "./engines";

// One migrated template per run; every test file then gets its own copy (see database.ts).
async function dropRunDatabases() {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2", [`${pgDatabasePrefix()}%`, pgTemplate()]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
}

export async function setup() {
  process.env.LATCHKEY_TEST_RUN = `${process.pid}_${randomBytes(3).toString("hex")}`;
  if (TEST_ENGINE === "postgres") {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    await client.query(`CREATE DATABASE "${pgTemplate()}"`);
    await client.end();
    migrate(pgUrl(pgTemplate()), { quiet: true });
    return dropRunDatabases;
  }
  fs.mkdirSync(sqliteDir(), { recursive: true });
  migrate(`file:${sqliteTemplate()}`, { quiet: true });
  return () => fs.rmSync(sqliteDir(), { recursive: true, force: true });
}
