import path from "node:path";

// Which engine the integration suite runs on: SQLite unless TEST_DATABASE=postgres. Every run gets
// its own id (set by global-setup, inherited by the workers), so concurrent runs never collide.
export const TEST_ENGINE = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function runId(): string {
  const id = process.env.LATCHKEY_TEST_RUN;
  if (!id) throw new Error("LATCHKEY_TEST_RUN is not set: run the suite through vitest's global setup");
  return id;
}

export const pgTemplate = () => `latchkey_tpl_${runId()}`;
export const pgDatabasePrefix = () => `latchkey_t_${runId()}_`;
export const sqliteDir = () => path.resolve(__dirname, "../../data/test", runId());
export const sqliteTemplate = () => path.join(sqliteDir(), "template.db");

export function pgUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
