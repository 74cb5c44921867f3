// Starts Latchkey: loads .env (creating secrets on first run), migrates, builds if sources changed, runs Next.
//   node scripts/start.mjs          production (`npm start`): next build when needed, then next start
//   node scripts/start.mjs --dev    development (`npm run dev`): next dev
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules/.bin/next");
const fingerprintFile = path.join(root, ".next/latchkey-build-fingerprint");

// What the production build is made from; a change to any of these means `next build` again.
const SOURCE_DIRS = ["app", "components", "lib"];
const SOURCE_FILES = ["proxy.ts", "next.config.mjs", "scripts/body-limits.mjs", "scripts/api-envelope.mjs", "tailwind.config.ts", "postcss.config.mjs", "package.json", "prisma/schema.prisma"];
const SKIPPED = new Set(["lib/generated", "node_modules"]);
// Tests are not part of the build: a changed test needs no new one.
const TEST_FILE = /\.(test|pg-test|redis-test|server-test)\.(ts|tsx|mjs)$/;

/** .env from the project root into process.env (the environment wins), plus any missing secrets. */
export function loadEnv() {
  const envFile = path.join(root, ".env");
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  const missing = ["LATCHKEY_SECRET", "NEXTAUTH_SECRET"].filter((name) => !process.env[name]);
  if (missing.length) {
    const lines = missing.map((name) => `${name}=${(process.env[name] = randomBytes(32).toString("hex"))}`);
    const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, "utf8") : null;
    const prefix = existing && !existing.endsWith("\n") ? "\n" : "";
    if (existing === null) fs.writeFileSync(envFile, "", { mode: 0o600 });
    fs.appendFileSync(envFile, `${prefix}${lines.join("\n")}\n`);
    console.log(`start: generated ${missing.join(" and ")} and saved ${missing.length > 1 ? "them" : "it"} to .env`);
  }
  process.env.PORT ||= "3000";
  process.env.DATABASE_URL ||= "file:./data/latchkey.db";
  process.env.NEXTAUTH_URL ||= `http://localhost:${process.env.PORT}`;
}

/** Both Prisma clients under lib/generated (git-ignored; `npm install` normally makes them). */
export function ensureClients() {
  const ok = ["sqlite", "postgres"].every((e) => fs.existsSync(path.join(root, `lib/generated/${e}/client.ts`)));
  if (!ok) run(process.execPath, [path.join(root, "scripts/db-schema.mjs")]);
}

/** sha256 over the path and contents of every build source file, walked from disk (no git needed). */
export function sourceFingerprint() {
  const files = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.name.startsWith(".") || SKIPPED.has(child) || TEST_FILE.test(entry.name)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(root, dir))) walk(dir);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  const hash = createHash("sha256");
  for (const file of files.sort())
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(root, file)))
      .update("\0");
  return hash.digest("hex");
}

/** Runs `next build` unless .next was built from exactly the current sources. */
export function buildIfNeeded() {
  const fingerprint = sourceFingerprint();
  const built = fs.existsSync(path.join(root, ".next/BUILD_ID")) && fs.existsSync(fingerprintFile) && fs.readFileSync(fingerprintFile, "utf8").trim() === fingerprint;
  if (built) return console.log("start: production build is up to date");
  console.log("start: sources changed since the last build, running next build");
  fs.rmSync(fingerprintFile, { force: true });
  run(nextBin, ["build"]);
  fs.writeFileSync(fingerprintFile, `${fingerprint}\n`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`start: ${path.basename(command)} ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

async function main() {
  const dev = process.argv.includes("--dev");
  loadEnv();
  const { migrate } = await import("./migrate.mjs");
  console.log(`start: database migrated (${migrate(process.env.DATABASE_URL, { quiet: true })})`);
  ensureClients();
  if (!dev) buildIfNeeded();
  const args = [path.join(root, "scripts/server.mjs"), ...(dev ? ["--dev"] : [])];
  const env = { ...process.env, NODE_ENV: dev ? "development" : "production" };
  const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
