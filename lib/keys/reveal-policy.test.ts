import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aMember, aProject, refusal } from "@/lib/testing/fixtures";
import { setRevealSecretKeys } from "@/lib/projects/service";
import { revealKey, rotateKey } from "./service";

// In sudo mode (re-authenticated within 10 minutes); lib/auth/sudo.test.ts covers how that is decided.
const fresh = async () => true;
const stale = async () => false;

async function anOwnerProject() {
  const team = await aProject("Reveal Co");
  const owner = { userId: team.userId, email: team.email, role: "owner", freshAuth: fresh };
  return { ...team, owner };
}

const auditCount = (projectId: string, action: string) => db().auditEntry.count({ where: { projectId, action } });
const stored = (id: string) => db().apiKey.findUniqueOrThrow({ where: { id }, select: { encryptedKey: true } });

describe("revealable secret keys", () => {
  it("is off by default: a secret key is not kept, and revealing it is refused", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    const { key } = await aKey(ctx, project.id, "admin");
    expect((await stored(key.id)).encryptedKey).toBeNull();
    const error = await refusal(revealKey(project.id, { id: key.id }, ctx, owner));
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/shown only once/);
    expect(await auditCount(project.id, "key.revealed")).toBe(0);
  });

  it("when on, lets an owner reveal a secret key created afterwards, in sudo mode, and audits it", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    const before = await aKey(ctx, project.id, "editor", { name: "Before" });
    await setRevealSecretKeys(project.id, true, ctx);
    const after = await aKey(ctx, project.id, "editor", { name: "After" });
    expect((await stored(after.key.id)).encryptedKey).toMatch(/^v1\./);

    const revealed = await revealKey(project.id, { id: after.key.id }, ctx, owner);
    expect(revealed.secret).toBe(after.secret);
    const entries = await db().auditEntry.findMany({ where: { projectId: project.id, action: "key.revealed" } });
    expect(entries).toMatchObject([{ targetId: after.key.id, actorId: owner.userId }]);
    expect(entries[0].changes).not.toContain(after.secret);

    const old = await refusal(revealKey(project.id, { id: before.key.id }, ctx, owner));
    expect(old.message).toMatch(/created before secret keys became revealable/);
  });

  it("keeps the replacement of a rotation revealable too", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    await setRevealSecretKeys(project.id, true, ctx);
    const { key } = await aKey(ctx, project.id, "support");
    const rotated = await rotateKey(project.id, { id: key.id, grace: "now" }, ctx);
    expect((await revealKey(project.id, { id: rotated.key.id }, ctx, owner)).secret).toBe(rotated.secret);
  });

  it("asks a secret key's reveal for a fresh re-authentication, and refuses anyone but an owner, writing nothing", async () => {
    const { project, ctx, owner } = await anOwnerProject();
    await setRevealSecretKeys(project.id, true, ctx);
    const { key } = await aKey(ctx, project.id, "admin");
    const publishable = await aKey(ctx, project.id, "client");
    const admin = await aMember(project.id, "admin");

    const notFresh = await refusal(revealKey(project.id, { id: key.id }, ctx, { ...owner, freshAuth: stale }));
    expect([notFresh.code, notFresh.message]).toEqual(["reauthentication_required", "Confirm it's you to continue."]);
    const notOwner = await refusal(revealKey(project.id, { id: key.id }, ctx, { userId: admin.id, email: admin.email, role: "admin", freshAuth: fresh }));
    expect(notOwner.code).toBe("forbidden");
    expect(await auditCount(project.id, "key.revealed")).toBe(0);
    // A publishable key needs no sudo mode.
    expect((await revealKey(project.id, { id: publishable.key.id }, ctx, { ...owner, freshAuth: stale })).secret).toBe(publishable.secret);
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
    const error = await refusal(revealKey(project.id, { id: secret.key.id }, ctx, owner));
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
