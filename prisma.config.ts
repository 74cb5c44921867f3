// Prisma CLI config. The JS schema engine with a driver adapter needs no native engine download,
// which keeps `prisma generate` and `migrate diff` working offline (Prisma 6.19). The adapter
// must match the schema's provider, so the PostgreSQL schema gets the pg adapter.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const schema = process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma";
const isPostgres = schema.includes("postgres");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema,
  async adapter() {
    if (isPostgres) {
      return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" });
    }
    return new PrismaBetterSQLite3({ url: ":memory:" });
  },
});
