// Runs the Playwright suite (`npm run test:e2e [-- playwright args]`) with a system Chromium against a fresh e2e database.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded, root } from "./start.mjs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findChromium() {
  const configured = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (configured && executable(configured)) return configured;
  if (configured) console.warn(`e2e: PLAYWRIGHT_CHROMIUM_PATH=${configured} is not an executable file, looking elsewhere`);
  if (executable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (process.getuid?.() === 0) {
    console.log("e2e: no Chromium found, installing Debian's chromium package");
    execFileSync("apt-get", ["update"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (executable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  console.error(`e2e: no Chromium found. Install it (as root: apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium/Chrome binary.`);
  process.exit(1);
}

const chromium = findChromium();
const version = execFileSync(chromium, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
console.log(`e2e: using Chromium at ${chromium} (${version})`);

for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(path.join(root, `data/e2e.db${suffix}`), { force: true });
buildIfNeeded(); // here rather than inside webServer, so build output is visible and outside its timeout

const result = spawnSync(path.join(root, "node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PLAYWRIGHT_CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
