import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { isForeignPlatformPackage, realLockfileChanges } from "./lockfile-drift.mjs";

const fixture = (name) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "fixtures/lockfiles", name), "utf8"));
const linuxGlibcX64 = { os: "linux", cpu: "x64", libc: "glibc" };
const committed = fixture("committed.json");

describe("lockfile drift: what .ci/run accepts after npm install rewrote the lockfile", () => {
  it("accepts other platforms' optional packages coming and going", () => {
    // drift-only.json adds @next/swc-darwin-arm64 and drops @dbmate/win32-x64.
    expect(realLockfileChanges(committed, fixture("drift-only.json"), linuxGlibcX64)).toEqual([]);
  });

  it("refuses a changed dependency version", () => {
    expect(realLockfileChanges(committed, fixture("version-changed.json"), linuxGlibcX64)).toEqual(["node_modules/next changed"]);
  });

  it("refuses a package.json change that was never installed", () => {
    const installed = structuredClone(committed);
    installed.packages[""].dependencies.zod = "^4.6.7";
    installed.packages["node_modules/zod"] = { version: "4.6.7", integrity: "sha512-zod" };
    expect(realLockfileChanges(committed, installed, linuxGlibcX64)).toEqual(["the root package (package.json) changed", "node_modules/zod was added"]);
  });

  it("refuses a platform package this machine installs appearing or vanishing", () => {
    const installed = structuredClone(committed);
    delete installed.packages["node_modules/@next/swc-linux-x64-gnu"];
    expect(realLockfileChanges(committed, installed, linuxGlibcX64)).toEqual(["node_modules/@next/swc-linux-x64-gnu was removed"]);
    // The same drift is foreign on a Mac, where the darwin build is the one that counts.
    expect(realLockfileChanges(committed, fixture("drift-only.json"), { os: "darwin", cpu: "arm64" })).toEqual(["node_modules/@next/swc-darwin-arm64 was added"]);
  });

  it("reads os, cpu and libc the way npm does", () => {
    const musl = { version: "1.0.0", os: ["linux"], cpu: ["x64"], libc: ["musl"], optional: true };
    expect(isForeignPlatformPackage(musl, linuxGlibcX64)).toBe(true);
    expect(isForeignPlatformPackage(musl, { os: "linux", cpu: "x64", libc: "musl" })).toBe(false);
    expect(isForeignPlatformPackage({ version: "1.0.0", os: ["!win32"], optional: true }, linuxGlibcX64)).toBe(false);
    expect(isForeignPlatformPackage({ version: "1.0.0", os: ["!linux"], optional: true }, linuxGlibcX64)).toBe(true);
    // A required (non-optional) package is never drift, whatever its platform.
    expect(isForeignPlatformPackage({ version: "1.0.0", os: ["darwin"] }, linuxGlibcX64)).toBe(false);
  });
});
