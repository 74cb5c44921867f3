import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { aKey, aProject } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { listKeys } from "@/lib/keys/queries";
import { membershipBySlug } from "@/lib/projects/queries";
import { parseAuditQuery } from "@/lib/audit/schemas";

// Review #11: a NUL in a project slug or a search query reached the database, where PostgreSQL
// refuses it (22021) and the page or action failed with a 500 / `internal`. Refused before any
// query now, on both engines (run with TEST_DATABASE=postgres to see the PostgreSQL side).

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requestMeta: async () => ({ ip: "198.51.100.4", userAgent: "vitest" }),
}));
const { projectAction } = await import("./project-action");

const CONTROL = ["\u0000", "\u0001", "\n", "\u001f", "\u007f"];
const echo = projectAction(z.object({ note: z.string().optional() }), "viewer", async (_input, { project }) => project.slug);

beforeEach(() => {
  session.user = null;
});

describe("control characters in project slugs", () => {
  it("a server action with a control character in projectSlug is not_found, not internal", async () => {
    const { project, userId, email } = await aProject();
    session.user = { id: userId, email, name: "Owner" } as SessionUser;
    expect(await echo(null, { projectSlug: project.slug })).toEqual({ ok: true, data: project.slug });
    for (const c of CONTROL) {
      expect(await echo(null, { projectSlug: `${project.slug}${c}` })).toEqual({ ok: false, error: { code: "not_found", message: "Project not found." } });
    }
  });

  it("membershipBySlug answers null for a slug with a control character instead of asking the database", async () => {
    const { project, userId } = await aProject();
    for (const c of CONTROL) expect(await membershipBySlug(userId, `${project.slug}${c}`)).toBeNull();
    expect(await membershipBySlug(userId, "x".repeat(101))).toBeNull();
    expect(await membershipBySlug(userId, project.slug)).toMatchObject({ role: "owner" });
  });
});

describe("control characters in search queries", () => {
  it("the API Keys search refuses a control character with a clear message", async () => {
    const { project, ctx } = await aProject();
    await aKey(ctx, project.id, "editor", { name: "Billing worker" });
    for (const c of CONTROL) {
      const refused = await listKeys(project.id, { query: `Bi${c}ll` }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: "validation_failed", message: "Search cannot contain control characters." });
    }
    expect((await listKeys(project.id, { query: "Bill" })).keys.map((k) => k.name)).toEqual(["Billing worker"]);
  });

  it("the audit-log filters refuse a control character in actor", () => {
    const parsed = parseAuditQuery(new URLSearchParams({ actor: "a\u0000" }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe("actor cannot contain control characters");
  });
});
