// Derives the PostgreSQL schema from prisma/schema.prisma, generates both Prisma clients and,
// with `--migration <name>`, writes the next migration for both engines as dbmate SQL files.
//   node scripts/db-schema.mjs                    derive + generate (runs on npm install)
//   node scripts/db-schema.mjs --check            exit 1 if derived schema or migrations are stale
//   node scripts/db-schema.mjs --migration name   derive + write db/migrations/<engine>/<ts>_name.sql
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourcePath = path.join(root, "prisma/schema.prisma");
const derivedPath = path.join(root, "prisma/postgres/schema.prisma");
const prismaBin = path.join(root, "node_modules/.bin/prisma");

export const engines = {
  sqlite: { schema: sourcePath, snapshot: path.join(root, "db/migrations/sqlite/.schema.prisma") },
  postgres: { schema: derivedPath, snapshot: path.join(root, "db/migrations/postgres/.schema.prisma") },
};

export function derivePostgresSchema(source) {
  const header = "// GENERATED from prisma/schema.prisma by `npm run db:schema`. Do not edit by hand.\n\n";
  return header + source.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"').replace('output     = "../lib/generated/sqlite"', 'output     = "../../lib/generated/postgres"');
}

function prisma(args, schema) {
  return execFileSync(prismaBin, args, {
    cwd: root,
    env: {
      ...process.env,
      PRISMA_SCHEMA: schema,
      DATABASE_URL: schema.includes("postgres") ? (process.env.PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres") : "file:./data/unused.db",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function writeDerived() {
  const derived = derivePostgresSchema(fs.readFileSync(sourcePath, "utf8"));
  fs.mkdirSync(path.dirname(derivedPath), { recursive: true });
  const changed = !fs.existsSync(derivedPath) || fs.readFileSync(derivedPath, "utf8") !== derived;
  if (changed) fs.writeFileSync(derivedPath, derived);
  return changed;
}

function check() {
  const problems = [];
  const derived = derivePostgresSchema(fs.readFileSync(sourcePath, "utf8"));
  if (!fs.existsSync(derivedPath) || fs.readFileSync(derivedPath, "utf8") !== derived) problems.push("prisma/postgres/schema.prisma is stale: run `npm run db:schema`");
  for (const [name, e] of Object.entries(engines)) {
    const want = fs.readFileSync(e.schema, "utf8");
    if (!fs.existsSync(e.snapshot) || fs.readFileSync(e.snapshot, "utf8") !== want) problems.push(`db/migrations/${name} does not match the schema: run \`npm run db:schema -- --migration <name>\``);
  }
  return problems;
}

function writeMigration(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lowercase letters, digits, _");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const e of Object.values(engines)) {
    const dir = path.dirname(e.snapshot);
    fs.mkdirSync(dir, { recursive: true });
    const from = fs.existsSync(e.snapshot) ? ["--from-schema-datamodel", e.snapshot] : ["--from-empty"];
    const up = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", e.schema, "--script"], e.schema);
    const down = fs.existsSync(e.snapshot) ? prisma(["migrate", "diff", "--from-schema-datamodel", e.schema, "--to-schema-datamodel", e.snapshot, "--script"], e.schema) : "";
    const file = path.join(dir, `${stamp}_${name}.sql`);
    fs.writeFileSync(file, `-- migrate:up\n${up.trim()}\n\n-- migrate:down\n${down.trim()}\n`);
    fs.copyFileSync(e.schema, e.snapshot);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}

function generate() {
  for (const e of Object.values(engines)) prisma(["generate", "--no-hints"], e.schema);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === "--check") {
    const problems = check();
    for (const p of problems) console.error(p);
    process.exit(problems.length ? 1 : 0);
  }
  writeDerived();
  if (args[0] === "--migration") writeMigration(args[1] ?? "");
  generate();
  console.log("prisma clients generated for sqlite and postgres");
}
