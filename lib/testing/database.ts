import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { PG_ADMIN_URL, pgDatabasePrefix, pgTemplate, pgUrl, sqliteDir, sqliteTemplate, TEST_ENGINE } from "./engines";

// Each test file gets a fresh, migrated database of the engine under test.
process.env.LATCHKEY_SECRET ??= randomBytes(32).toString("hex");
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");

const suffix = randomBytes(5).toString("hex");

if (TEST_ENGINE === "postgres") {
  const name = `${pgDatabasePrefix()}${suffix}`;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate()}"`);
  await client.end();
  process.env.DATABASE_URL = pgUrl(name);
} else {
  const file = path.join(sqliteDir(), `${suffix}.db`);
  fs.copyFileSync(sqliteTemplate(), file);
  process.env.DATABASE_URL = `file:${file}`;
}

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
});
