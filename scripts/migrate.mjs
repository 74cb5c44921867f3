// Applies the committed migrations of the engine DATABASE_URL names, with dbmate (one tool for
// both engines; Prisma's own `migrate deploy` fails on PostgreSQL without a native engine).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_DATABASE_URL = "file:./data/latchkey.db";

export function engineOf(databaseUrl) {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite";
}

/** Prisma-style URL → dbmate URL. Relative SQLite paths are relative to the project root. */
export function dbmateUrl(databaseUrl) {
  if (engineOf(databaseUrl) === "postgres") {
    const url = new URL(databaseUrl.replace(/^postgresql:/, "postgres:"));
    // dbmate's driver demands TLS unless told otherwise; plain URLs mean a plain connection.
    if (!url.searchParams.has("sslmode")) url.searchParams.set("sslmode", "disable");
    return url.toString();
  }
  const file = sqliteFile(databaseUrl);
  return `sqlite:${file}`;
}

export function sqliteFile(databaseUrl) {
  const p = databaseUrl
    .replace(/^file:/, "")
    .replace(/^sqlite:/, "")
    .split("?")[0];
  return path.isAbsolute(p) ? p : path.join(root, p);
}

export function migrate(databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL, { quiet = false } = {}) {
  const engine = engineOf(databaseUrl);
  if (engine === "sqlite") fs.mkdirSync(path.dirname(sqliteFile(databaseUrl)), { recursive: true });
  const out = execFileSync(
    path.join(root, "node_modules/.bin/dbmate"),
    ["--url", dbmateUrl(databaseUrl), "--migrations-dir", path.join(root, "db/migrations", engine), "--no-dump-schema", "--wait", "up"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (!quiet && out.trim()) console.log(out.trim());
  if (engine === "sqlite") enableWal(sqliteFile(databaseUrl));
  return engine;
}

// WAL lets the dashboard read while the API writes; the setting lives in the file itself.
function enableWal(file) {
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  conn.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const engine = migrate();
  console.log(`database migrated (${engine})`);
}
