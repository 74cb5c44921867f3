import path from "node:path";

// Which engine the integration suite runs on: SQLite unless TEST_DATABASE=postgres.
export const TEST_ENGINE = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const PG_TEMPLATE = "latchkey_test_template";
export const SQLITE_DIR = path.resolve(__dirname, "../../data/test");
export const SQLITE_TEMPLATE = path.join(SQLITE_DIR, "template.db");

export function pgUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
