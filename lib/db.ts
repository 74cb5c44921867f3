import "server-only";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgres/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// The one place that opens a database connection. DATABASE_URL picks the engine; both generated
// clients share one model source, so the SQLite client's types describe both.
export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const DEFAULT_DATABASE_URL = "file:./data/latchkey.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function isPostgres(url = databaseUrl()): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

// Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a burst of concurrent
// writers on a busy machine into P2028 errors; a wait is the better answer there.
const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

/** A client with a pool of its own; db() keeps one per process, tests open a second to play another instance. */
export function createClient(url: string): Db {
  if (isPostgres(url)) {
    const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return new PostgresPrismaClient({ adapter, transactionOptions }) as unknown as Db;
  }
  // Relative paths resolve from the working directory (the project root under `npm start`).
  const adapter = new PrismaBetterSQLite3({ url: url.replace(/^file:/, "").split("?")[0], timeout: 5000 });
  return new PrismaClient({ adapter, transactionOptions });
}

// Next.js may load this module in several bundles of one process; keep one client per process.
const holder = globalThis as unknown as { __latchkeyDb?: { url: string; client: Db } };

export function db(): Db {
  const url = databaseUrl();
  if (!holder.__latchkeyDb || holder.__latchkeyDb.url !== url) {
    void holder.__latchkeyDb?.client.$disconnect();
    holder.__latchkeyDb = { url, client: createClient(url) };
  }
  return holder.__latchkeyDb.client;
}

export async function disconnectDb(): Promise<void> {
  const current = holder.__latchkeyDb;
  holder.__latchkeyDb = undefined;
  await current?.client.$disconnect();
}
