// `npm run conformance`: Schemathesis against a seeded production server, every check, phases
// examples, coverage, fuzzing and stateful; prints its summary and exits non-zero on any failure.
// Not part of `npm test` or CI: it needs Python and Schemathesis 4.25 or later, in a virtualenv:
//   python3 -m venv /work/.venv-st && /work/.venv-st/bin/pip install schemathesis
// Where the package index lacks it, `pip install` an upstream checkout instead (4.25.0 runs with
// jsonschema_rs 0.58, harfile 0.3 and hypothesis-graphql 0.11 in place of its pins).
// Needs a production build (`npx next build`). It starts scripts/server.mjs on a fresh SQLite
// database in a temporary folder and seeds two projects through the app's own services: A, with an
// admin key and two of everything, takes every operation but the key-mutating ones (`/admin/keys…`),
// which run against B, a throwaway project. scripts/conformance-hooks.py keeps the fuzzer to
// values it cannot guess (cursors, versions) and away from revoking its own key.
// Environment: SCHEMATHESIS_BIN (default /work/.venv-st/bin/st, else `st` on PATH),
// CONFORMANCE_EXAMPLES (cases per operation, default 20), CONFORMANCE_SEED (repeat a run),
// CONFORMANCE_ONLY (project-a or project-b-keys), CONFORMANCE_KEEP=1 keeps the folder with the database, server log and NDJSON reports.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), "..");
const KEY_ADMIN = /\/admin\/keys(\/|$)/;

// Run as a child under tsx (`--seed`): the two projects and their keys, as JSON on stdout.
if (process.argv[2] === "--seed") {
  const { signUp } = await import("@/lib/users/service");
  const { createKey } = await import("@/lib/keys/service");
  const meta = { ip: "127.0.0.1", userAgent: "conformance" };
  const project = async (name) => {
    const email = `owner-${randomBytes(4).toString("hex")}@example.com`;
    const { userId, projectSlug } = await signUp({ name: "Owner", email, password: "correct horse battery staple", projectName: name }, meta);
    const { db } = await import("@/lib/db");
    const { id } = await db().project.findUniqueOrThrow({ where: { slug: projectSlug }, select: { id: true } });
    const ctx = { actor: { type: "user", id: userId, label: email }, meta };
    return (role, name) => createKey(id, { name, description: "", role, scope: "all", channels: [], expires: "never", expiresOn: "", rateLimit: null }, ctx);
  };
  const keyOfA = await project("Conformance");
  const keyOfB = await project("Conformance throwaway");
  const a = await keyOfA("admin", "conformance admin");
  const b = await keyOfB("admin", "conformance admin");
  const others = [];
  for (const role of ["editor", "support", "client"]) others.push((await keyOfB(role, `${role} key`)).key.id); // for the fuzzer to edit
  console.log(JSON.stringify({ a: a.secret, b: b.secret, bId: b.key.id, bOthers: others }));
  process.exit(0);
}

class Refusal extends Error {}
function fail(message) {
  throw new Refusal(message);
}

/** A free port in 4400–4499 (the range kept for production servers started by hand on this machine). */
async function freePort() {
  for (let port = 4400; port < 4500; port++) {
    const free = await new Promise((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  fail("no free port in 4400–4499");
}

function schemathesisBin() {
  if (process.env.SCHEMATHESIS_BIN) return process.env.SCHEMATHESIS_BIN;
  const venv = "/work/.venv-st/bin/st";
  return fs.existsSync(venv) ? venv : "st";
}

const st = schemathesisBin();
const version = spawnSync(st, ["--version"], { encoding: "utf8" });
if (version.status !== 0) {
  console.error(`conformance: Schemathesis not found at "${st}": install it (see this script's header) or set SCHEMATHESIS_BIN`);
  process.exit(2);
}
if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.error("conformance: no production build: run `npx next build` first");
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-conformance-"));
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "conformance.db")}`,
  LATCHKEY_SECRET: randomBytes(32).toString("hex"),
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
};
let server;
let exitCode = 1;
try {
  const { migrate } = await import("./migrate.mjs");
  migrate(env.DATABASE_URL, { quiet: true });
  const seeded = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", self, "--seed"], { cwd: root, env, encoding: "utf8" });
  if (seeded.status !== 0) fail(`seeding failed:\n${seeded.stderr}`);
  const keys = JSON.parse(seeded.stdout.trim().split("\n").at(-1));

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(dir, "server.log"), "w");
  server = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", PORT: String(port), LATCHKEY_HOST: "127.0.0.1", NEXTAUTH_URL: base },
    stdio: ["ignore", log, log],
  });
  let up = false;
  for (let i = 0; i < 300 && !up && server.exitCode === null; i++) {
    up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!up) fail(`the server did not start (log: ${path.join(dir, "server.log")})`);

  const api = async (method, route, body, key = keys.a) => {
    const response = await fetch(`${base}${route}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body && JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    if (!response.ok) console.warn(`conformance: seeding ${method} ${route} answered ${response.status} ${JSON.stringify(json?.error ?? json)}`);
    return json;
  };
  // Project A's data: two of everything, so every list has rows for the response schemas and a next page.
  const channels = ["channel-1", "channel-2"];
  for (const [i, slug] of channels.entries()) await api("POST", "/api/v1/channels", { name: `Channel ${i + 1}`, slug });
  // B's keys may be scoped to a channel of B.
  await api("POST", "/api/v1/channels", { name: "Channel 1", slug: channels[0] }, keys.b);
  for (const i of [1, 2]) {
    const user = await api("POST", "/api/v1/users", { externalId: `user-${i}`, name: `User ${i}`, email: `user${i}@example.com`, attributes: { plan: "pro" } });
    for (const channel of ["channel-1", "channel-2"]) if (user?.id) await api("POST", "/api/v1/subscriptions", { userId: user.id, channel });
    await api("POST", "/api/v1/events", { name: "signed_in", userExternalId: `user-${i}`, properties: { n: i } });
    await api("POST", "/api/v1/organizations", { externalId: `org-${i}`, name: `Org ${i}`, attributes: { size: 10 } });
    await api("POST", "/api/v1/messages", { title: `Hello ${i}`, body: "A message", target: { channels: [`channel-${i}`] } });
    for (const resource of ["providers", "integrations"]) await api("POST", `/api/v1/${resource}`, { name: `${resource} ${i}`, type: "webhook", config: { url: "https://example.com" } });
    for (const resource of ["campaigns", "templates", "journeys", "lists", "tags", "documents", "locales", "actions"]) await api("POST", `/api/v1/${resource}`, { name: `${resource} ${i}` });
  }

  // Operation paths come from the document, so the split survives new routes.
  const documentUrl = `${base}/api/v1/openapi.json`;
  const document = await (await fetch(documentUrl)).json();
  const paths = Object.keys(document.paths);
  const keyPaths = paths.filter((p) => KEY_ADMIN.test(p));
  const [bearer] = Object.entries(document.components?.securitySchemes ?? {}).find(([, s]) => s.type === "http" && s.scheme?.toLowerCase() === "bearer") ?? [];
  if (!bearer) fail("the document has no HTTP bearer security scheme");
  const escape = (p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A real cursor of each list (its second page), for scripts/conformance-hooks.py.
  const cursorsFor = async (key, lists) => {
    const found = {};
    for (const p of lists.filter((p) => document.paths[p].get && !p.includes("{"))) {
      const page = await (await fetch(`${base}${p}?limit=1`, { headers: { authorization: `Bearer ${key}` } })).json().catch(() => null);
      if (typeof page?.nextCursor === "string") found[p] = page.nextCursor;
    }
    return found;
  };
  const keyPathsRegex = `^(${keyPaths.map(escape).join("|")})$`;

  const examples = process.env.CONFORMANCE_EXAMPLES ?? "20";
  const run = (label, key, hookEnv, filter) => {
    // The key goes in through the bearer scheme only; with generated security parameters the tool
    // would also send an X-API-Key of its own, and "both present" is rightly a 400. A 412 answers
    // an If-Match naming another version and a 304 an If-None-Match naming this one: the generator
    // cannot know the version, so both are right answers to schema-valid input.
    const config = path.join(dir, `${label}.toml`);
    const toml = [
      `hooks = ${JSON.stringify(path.join(root, "scripts/conformance-hooks.py"))}`,
      `[auth.openapi.${bearer}]`,
      `bearer = ${JSON.stringify(key)}`,
      "[checks.positive_data_acceptance]",
      'expected-statuses = ["2xx", "304", "401", "403", "404", "409", "412", "5xx"]',
      "[checks.negative_data_rejection]",
      'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "412", "422", "428", "5xx"]',
    ];
    fs.writeFileSync(config, `${toml.join("\n")}\n`, { mode: 0o600 });
    const args = [
      "--config-file",
      config,
      "run",
      documentUrl,
      "--url",
      base,
      "--checks",
      "all",
      "--phases",
      "examples,coverage,fuzzing,stateful",
      "--mode",
      "all",
      "--max-examples",
      examples,
      "--generation-with-security-parameters",
      "false",
      "--generation-database",
      "none",
      "--request-timeout",
      "30",
      "--report",
      "ndjson",
      "--report-ndjson-path",
      path.join(dir, `${label}.ndjson`),
      ...(process.env.CONFORMANCE_SEED ? ["--seed", process.env.CONFORMANCE_SEED] : []),
      ...filter,
    ];
    console.log(`\n== ${label}: ${st} ${args.join(" ")}\n`);
    const started = Date.now();
    const result = spawnSync(st, args, { cwd: dir, stdio: "inherit", env: { ...process.env, ...hookEnv } });
    const seconds = Math.round((Date.now() - started) / 1000);
    return { label, status: result.status ?? 1, seconds };
  };
  console.log(`conformance: ${version.stdout.trim()}, server ${base}, ${paths.length} paths, ${examples} examples per operation`);
  const hookEnvA = {
    CONFORMANCE_CURSORS: JSON.stringify(
      await cursorsFor(
        keys.a,
        paths.filter((p) => !keyPaths.includes(p)),
      ),
    ),
    CONFORMANCE_CHANNELS: JSON.stringify(channels),
  };
  const hookEnvB = {
    CONFORMANCE_CURSORS: JSON.stringify(await cursorsFor(keys.b, keyPaths)),
    CONFORMANCE_OWN_KEY: keys.bId,
    CONFORMANCE_OTHER_KEYS: JSON.stringify(keys.bOthers),
    CONFORMANCE_CHANNELS: JSON.stringify(channels.slice(0, 1)),
  };
  // CONFORMANCE_ONLY=project-a or project-b-keys runs one of the two.
  const only = process.env.CONFORMANCE_ONLY;
  const results = [
    ...(only && only !== "project-a" ? [] : [run("project-a", keys.a, hookEnvA, ["--exclude-path-regex", keyPathsRegex])]),
    ...(only && only !== "project-b-keys" ? [] : [run("project-b-keys", keys.b, hookEnvB, ["--include-path-regex", keyPathsRegex])]),
  ];
  console.log("");
  for (const r of results) console.log(`conformance: ${r.label} ${r.status === 0 ? "passed" : `FAILED (schemathesis exit ${r.status})`} in ${r.seconds} s`);
  exitCode = results.every((r) => r.status === 0) ? 0 : 1;
} catch (error) {
  if (!(error instanceof Refusal)) throw error;
  console.error(`conformance: ${error.message}`);
  exitCode = 2;
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  if (process.env.CONFORMANCE_KEEP) console.log(`conformance: kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
