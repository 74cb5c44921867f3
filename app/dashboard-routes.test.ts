import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { MEMBER_GUARDED } from "@/lib/auth/member-route";

// STYLE §1: the dashboard's own route handlers (reads and downloads under /p/<slug>) are all built
// by memberRoute, which checks the session and the membership on the server.

const ROOT = path.resolve(__dirname, "..");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : /^route\.(ts|tsx|js)$/.test(e.name) ? [full] : [];
  });
}

const files = routeFiles(path.join(ROOT, "app/(dashboard)"));

describe("dashboard route handlers", () => {
  it("exist (the walker is looking in the right place)", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => path.relative(ROOT, f)))("%s: every handler is built by memberRoute", async (file) => {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const handlers = Object.keys(mod).filter((name) => HTTP_METHODS.includes(name));
    expect(handlers.length).toBeGreaterThan(0);
    for (const name of handlers) expect((mod[name] as { [MEMBER_GUARDED]?: unknown })[MEMBER_GUARDED], `${file} ${name}`).toBeDefined();
  });
});
