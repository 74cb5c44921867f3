import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { PG_ADMIN_URL, PG_TEMPLATE, pgUrl, SQLITE_DIR, SQLITE_TEMPLATE, TEST_ENGINE } from "./engines";

// Each test file gets a fresh, migrated database of the engine under test.
process.env.LATCHKEY_SECRET ??= randomBytes(32).toString("hex");
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");

const id = `latchkey_t_${randomBytes(6).toString("hex")}`;

if (TEST_ENGINE === "postgres") {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${id}" TEMPLATE "${PG_TEMPLATE}"`);
  await client.end();
  process.env.DATABASE_URL = pgUrl(id);
} else {
  const file = path.join(SQLITE_DIR, `${id}.db`);
  fs.copyFileSync(SQLITE_TEMPLATE, file);
  process.env.DATABASE_URL = `file:${file}`;
}

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
});
