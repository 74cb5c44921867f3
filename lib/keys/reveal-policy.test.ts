import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { SIGN_IN_DELAYS } from "@/lib/limits/policies";
import { aKey, aMember, aProject, refusal } from "@/lib/testing/fixtures";
import { setRevealSecretKeys } from "@/lib/projects/service";
import { revealKey, rotateKey } from "./service";

const PASSWORD = "correct horse battery"; // aProject's owner password

async function anOwnerProject() {
  const team = await aProject("Reveal Co");
  const owner = { userId: team.userId, email: team.email, role: "owner" };
  return { ...team, owner };
}

const auditCount = (projectId: string, action: string) => db().auditEntry.count({ where: { projectId, action } });
const stored = (id: string) => db().apiKey.findUniqueOrThrow({ where: { id }, select: { encryptedKey: true } });

describe("revealable secret keys", () => {
  it("is off by default: a secret key is not kept, and revealing it is refused", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    const { key } = await aKey(ctx, project.id, "admin");
    expect((await stored(key.id)).encryptedKey).toBeNull();
    const error = await refusal(revealKey(project.id, { id: key.id, password: PASSWORD }, ctx, owner));
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/shown only once/);
    expect(await auditCount(project.id, "key.revealed")).toBe(0);
  });

  it("when on, lets an owner reveal a secret key created afterwards, with the password, and audits it", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    const before = await aKey(ctx, project.id, "editor", { name: "Before" });
    await setRevealSecretKeys(project.id, true, ctx);
    const after = await aKey(ctx, project.id, "editor", { name: "After" });
    expect((await stored(after.key.id)).encryptedKey).toMatch(/^v1\./);

    const revealed = await revealKey(project.id, { id: after.key.id, password: PASSWORD }, ctx, owner);
    expect(revealed.secret).toBe(after.secret);
    const entries = await db().auditEntry.findMany({ where: { projectId: project.id, action: "key.revealed" } });
    expect(entries).toMatchObject([{ targetId: after.key.id, actorId: owner.userId }]);
    expect(entries[0].changes).not.toContain(after.secret);

    const old = await refusal(revealKey(project.id, { id: before.key.id, password: PASSWORD }, ctx, owner));
    expect(old.message).toMatch(/created before secret keys became revealable/);
  });

  it("keeps the replacement of a rotation revealable too", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    await setRevealSecretKeys(project.id, true, ctx);
    const { key } = await aKey(ctx, project.id, "support");
    const rotated = await rotateKey(project.id, { id: key.id, grace: "now" }, ctx);
    expect((await revealKey(project.id, { id: rotated.key.id, password: PASSWORD }, ctx, owner)).secret).toBe(rotated.secret);
  });

  it("refuses a missing or wrong password, and anyone but an owner, writing nothing", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    await setRevealSecretKeys(project.id, true, ctx);
    const { key } = await aKey(ctx, project.id, "admin");
    const admin = await aMember(project.id, "admin");

    const missing = await refusal(revealKey(project.id, { id: key.id, password: "" }, ctx, owner));
    expect([missing.code, missing.field]).toEqual(["validation_failed", "password"]);
    const wrong = await refusal(revealKey(project.id, { id: key.id, password: "not my password" }, ctx, owner));
    expect([wrong.code, wrong.field, wrong.message]).toEqual(["validation_failed", "password", "That password is not right."]);
    const notOwner = await refusal(revealKey(project.id, { id: key.id, password: PASSWORD }, ctx, { userId: admin.id, email: admin.email, role: "admin" }));
    expect(notOwner.code).toBe("forbidden");
    expect(await auditCount(project.id, "key.revealed")).toBe(0);
  });

  it("limits password attempts like sign-ins", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    await setRevealSecretKeys(project.id, true, ctx);
    const { key } = await aKey(ctx, project.id, "admin");
    const codes: string[] = [];
    // The sign-in policy: a few at once from one address, then a growing delay (lib/limits/policies.ts).
    const free = SIGN_IN_DELAYS.free;
    for (let i = 0; i <= free; i++) codes.push((await refusal(revealKey(project.id, { id: key.id, password: `guess ${i}` }, ctx, owner))).code);
    expect(codes.slice(0, free).every((c) => c === "validation_failed")).toBe(true);
    expect(codes[free]).toBe("rate_limited");
  });

  it("erases every stored secret key when turned off, and it stays erased when turned on again", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    await setRevealSecretKeys(project.id, true, ctx);
    const secret = await aKey(ctx, project.id, "admin");
    const publishable = await aKey(ctx, project.id, "client");
    expect(await setRevealSecretKeys(project.id, false, ctx)).toEqual({ changed: true, erased: 1 });
    expect((await stored(secret.key.id)).encryptedKey).toBeNull();
    expect((await stored(publishable.key.id)).encryptedKey).toMatch(/^v1\./);

    await setRevealSecretKeys(project.id, true, ctx);
    const error = await refusal(revealKey(project.id, { id: secret.key.id, password: PASSWORD }, ctx, owner));
    expect(error.message).toMatch(/created before/);
    const changes = (await db().auditEntry.findMany({ where: { projectId: project.id, action: "project.updated" }, orderBy: { createdAt: "asc" } })).map((e) => JSON.parse(e.changes!));
    expect(changes).toEqual([
      { revealSecretKeys: { from: false, to: true } },
      { revealSecretKeys: { from: true, to: false }, erasedSecretKeyCopies: 1 },
      { revealSecretKeys: { from: false, to: true } },
    ]);
    expect(await setRevealSecretKeys(project.id, true, ctx)).toEqual({ changed: false, erased: 0 });
  });
});
