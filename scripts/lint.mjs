// `npm run lint` (and the first step of `npm test`): ESLint, then Prettier's check; both run, and the last line names what failed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { root } from "./start.mjs";

const bin = (name) => path.join(root, "node_modules/.bin", name);
const checks = [
  // no --cache: ESLint's cache would not notice an import cycle closed by a change in another file
  { name: "ESLint", command: bin("eslint"), args: [".", "--max-warnings=0"] },
  // Prettier's cache lives in node_modules/.cache
  { name: "Prettier", command: bin("prettier"), args: ["--check", "--cache", "--log-level=warn", "."], fix: "`npm run format` fixes formatting" },
];

const failed = checks.filter(({ command, args }) => spawnSync(command, args, { cwd: root, stdio: "inherit" }).status !== 0);
if (failed.length) {
  console.error(`\nLint failed: ${failed.map((c) => c.name + (c.fix ? ` (${c.fix})` : "")).join(", ")}.`);
  process.exit(1);
}
console.log("Lint passed: ESLint and Prettier.");
