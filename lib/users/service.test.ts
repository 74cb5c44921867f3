import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { meta, refusal } from "@/lib/testing/fixtures";
import { BCRYPT_COST, checkPassword, signUp } from "./service";
import { signUpSchema } from "./schemas";

const PASSWORD = "correct horse battery staple";
const uniqueEmail = (who = "ada") => `${who}-${randomBytes(4).toString("hex")}@example.com`;
const input = (overrides: Partial<{ name: string; email: string; password: string; projectName: string }> = {}) =>
  signUpSchema.parse({ name: "Ada Lovelace", email: uniqueEmail(), password: PASSWORD, projectName: "Analytical Engine", ...overrides });

const counts = async () => ({
  users: await db().user.count(),
  projects: await db().project.count(),
  memberships: await db().membership.count(),
  keys: await db().apiKey.count(),
  channels: await db().channel.count(),
  audit: await db().auditEntry.count(),
});

describe("signing up", () => {
  it("creates the user, a first project they own, and nothing else", async () => {
    const before = await counts();
    const data = input({ projectName: "Analytical Engine" });
    const { userId, projectSlug } = await signUp(data, meta);

    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { include: { project: true } } } });
    expect(user).toMatchObject({ email: data.email, name: "Ada Lovelace" });
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]).toMatchObject({ role: "owner", project: { slug: projectSlug, name: "Analytical Engine" } });
    expect(projectSlug).toMatch(/^analytical-engine/);
    expect(user.lastProjectId).toBe(user.memberships[0].projectId);

    const projectId = user.memberships[0].projectId;
    expect(await db().apiKey.count({ where: { projectId } })).toBe(0);
    expect(await db().channel.count({ where: { projectId } })).toBe(0);
    expect(await counts()).toEqual({ ...before, users: before.users + 1, projects: before.projects + 1, memberships: before.memberships + 1, audit: before.audit + 1 });
    const audit = await db().auditEntry.findMany({ where: { projectId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "project.created", actorType: "user", actorId: userId, ip: meta.ip });
    expect(audit[0].changes ?? "").not.toContain(PASSWORD);
  });

  it("stores the password only as a bcrypt hash of cost 12", async () => {
    const { userId } = await signUp(input(), meta);
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(BCRYPT_COST).toBe(12);
    expect(passwordHash).toMatch(/^\$2[aby]\$12\$[./A-Za-z0-9]{53}$/);
    expect(bcrypt.getRounds(passwordHash)).toBe(12);
    expect(await bcrypt.compare(PASSWORD, passwordHash)).toBe(true);
    const everyAuditColumn = JSON.stringify(await db().auditEntry.findMany());
    expect(everyAuditColumn).not.toContain(PASSWORD);
  });

  it("refuses an e-mail that already has an account, in any letter case, and writes nothing", async () => {
    const first = input();
    await signUp(first, meta);
    const before = await counts();
    for (const email of [first.email, first.email.toUpperCase()]) {
      const error = await refusal(signUp(input({ email }), meta));
      expect(error.code).toBe("conflict");
      expect(error.field).toBe("email");
    }
    expect(await counts()).toEqual(before);
  });

  it("lets only one of two concurrent sign-ups with one e-mail succeed", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.allSettled([signUp(input({ email }), meta), signUp(input({ email }), meta)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "conflict", field: "email" });
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("lets two people sign up at once with the same project name, giving each project its own slug", async () => {
    const name = `Same Name ${randomBytes(3).toString("hex")}`;
    const results = await Promise.all([signUp(input({ projectName: name }), meta), signUp(input({ projectName: name }), meta)]);
    expect(new Set(results.map((r) => r.projectSlug)).size).toBe(2);
  });

  it("refuses a short password, an invalid e-mail and a blank project name before touching the database", () => {
    expect(signUpSchema.safeParse({ name: "A", email: uniqueEmail(), password: "short", projectName: "P" }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: "A", email: "not-an-email", password: PASSWORD, projectName: "P" }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: "A", email: uniqueEmail(), password: PASSWORD, projectName: "   " }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: "A", email: uniqueEmail(), password: "é".repeat(37), projectName: "P" }).success).toBe(false);
  });
});

describe("checking a password", () => {
  it("returns the user for the right password and null for a wrong one or an unknown e-mail", async () => {
    const data = input();
    const { userId } = await signUp(data, meta);
    expect(await checkPassword(data.email, PASSWORD)).toEqual({ id: userId, email: data.email, name: "Ada Lovelace", sessionVersion: 0 });
    expect(await checkPassword(data.email, `${PASSWORD}!`)).toBeNull();
    expect(await checkPassword(data.email, "")).toBeNull();
    expect(await checkPassword(uniqueEmail("nobody"), PASSWORD)).toBeNull();
  });
});
