// Runs the whole suite (`npm test`): lint (counted as one test), Vitest on SQLite, then the Playwright e2e suite; ends with
// "N passed, N failed". The first step that fails ends the run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./start.mjs";

const reports = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-test-"));
const totals = { passed: 0, failed: 0 };

function step(command, args, env, reportFile, count) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  let counted = { passed: 0, failed: 0 };
  try {
    counted = count(JSON.parse(fs.readFileSync(reportFile, "utf8")));
  } catch {
    // no report: it failed before running anything
  }
  // A run that failed outside any test (a file that does not load, a server that does not start) counts as one failure.
  if (result.status !== 0 && counted.failed === 0) counted.failed = 1;
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  return result.status ?? 1;
}

function finish(code) {
  fs.rmSync(reports, { recursive: true, force: true });
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code);
}

const lint = spawnSync(process.execPath, [path.join(root, "scripts/lint.mjs")], { cwd: root, stdio: "inherit" }).status ?? 1;
totals[lint === 0 ? "passed" : "failed"] += 1;
if (lint !== 0) finish(lint);

const vitestReport = path.join(reports, "vitest.json");
const unit = step(
  path.join(root, "node_modules/.bin/vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
  { TEST_DATABASE: "sqlite" },
  vitestReport,
  (r) => ({
    passed: r.numPassedTests,
    // plus test files that failed without a failing test (import error, failing hook)
    failed: r.numFailedTests + r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length,
  }),
);
if (unit !== 0) finish(unit);

const playwrightReport = path.join(reports, "playwright.json");
const e2e = step(process.execPath, [path.join(root, "scripts/e2e.mjs"), "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport }, playwrightReport, (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
}));
finish(e2e);
