// Compares the committed package-lock.json with the one `npm install` wrote from it, and accepts
// the difference only when it is registry drift: entries added or dropped that are optional
// packages for another platform (another os, cpu or libc). Anything else, such as a changed
// version, a new dependency, a package.json change that was never installed, or a platform package
// this machine installs appearing or vanishing, is a real difference and fails.
//   node scripts/lockfile-drift.mjs <committed-lock> <installed-lock>
import fs from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";

/** The platform npm resolves optional packages for; libc is "glibc", "musl" or undefined off Linux. */
export function currentPlatform() {
  let libc;
  if (process.platform === "linux") {
    const header = process.report?.getReport?.().header ?? {};
    libc = header.glibcVersionRuntime ? "glibc" : "musl";
  }
  return { os: process.platform, cpu: process.arch, libc };
}

// npm's rule for "os", "cpu" and "libc": a value is allowed when no positive entry is listed or it
// is one of them, and it is not named by a "!" entry.
function allows(list, value) {
  if (!Array.isArray(list) || list.length === 0) return true;
  const denied = list.filter((entry) => entry.startsWith("!")).map((entry) => entry.slice(1));
  const allowed = list.filter((entry) => !entry.startsWith("!"));
  if (denied.includes(value)) return false;
  return allowed.length === 0 || allowed.includes(value);
}

/** True when npm would skip this lockfile entry on `platform`: an optional build for another platform. */
export function isForeignPlatformPackage(entry, platform) {
  if (!entry || !(entry.optional || entry.devOptional)) return false;
  if (!entry.os && !entry.cpu && !entry.libc) return false;
  return !(allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu) && (platform.libc === undefined || allows(entry.libc, platform.libc)));
}

/**
 * The differences between two lockfiles that are not registry drift, as readable lines; empty
 * when the only difference is optional packages for other platforms coming or going.
 */
export function realLockfileChanges(committed, installed, platform = currentPlatform()) {
  const changes = [];
  for (const field of ["name", "version", "lockfileVersion", "requires"]) {
    if (!isDeepStrictEqual(committed[field], installed[field])) changes.push(`${field} changed`);
  }
  const before = committed.packages ?? {};
  const after = installed.packages ?? {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const label = name === "" ? "the root package (package.json)" : name;
    const was = before[name];
    const now = after[name];
    if (was && now) {
      if (!isDeepStrictEqual(was, now)) changes.push(`${label} changed`);
    } else if (was) {
      if (!isForeignPlatformPackage(was, platform)) changes.push(`${label} was removed`);
    } else if (!isForeignPlatformPackage(now, platform)) {
      changes.push(`${label} was added`);
    }
  }
  return changes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [committedFile, installedFile] = process.argv.slice(2);
  if (!committedFile || !installedFile) {
    console.error("usage: node scripts/lockfile-drift.mjs <committed-lock> <installed-lock>");
    process.exit(2);
  }
  const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
  const changes = realLockfileChanges(read(committedFile), read(installedFile));
  if (changes.length) {
    console.error("package-lock.json is out of date (run npm install and commit it):");
    for (const change of changes.slice(0, 20)) console.error(`  ${change}`);
    if (changes.length > 20) console.error(`  … and ${changes.length - 20} more`);
    process.exit(1);
  }
  console.log("package-lock.json matches what this platform installs (other platforms' optional packages aside)");
}
