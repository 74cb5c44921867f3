// The ceiling of SPEC §17: the bare Next.js app in bench/ceiling (one route handler returning JSON),
// built with the project's own `next` when its build is missing and served by `next start`, the way
// Next.js serves any app by default.
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ceilingDir = path.join(root, "bench/ceiling");
const nextBin = path.join(root, "node_modules/.bin/next");

export function buildCeilingIfMissing(): void {
  if (fs.existsSync(path.join(ceilingDir, ".next/BUILD_ID"))) return;
  console.log("  building the ceiling app (bench/ceiling) with next build …");
  execFileSync(nextBin, ["build", ceilingDir], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
}

/** `next start` on the ceiling app; `nodeArgs` go to its Node.js (e.g. --cpu-prof). */
export function startCeiling(port: number, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, path.join(root, "node_modules/next/dist/bin/next"), "start", ceilingDir, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
