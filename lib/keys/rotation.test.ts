import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { setClockOffsetForTests } from "@/lib/clock";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import { revokeKey, rotateKey } from "./service";
import { verifyKey } from "./verify";
import { findKeyByHash } from "./lookup";
import { keyDetail } from "./queries";

const verify = (secret: string) => verifyKey(secret, findKeyByHash);
const HOUR = 3_600_000;

afterEach(() => setClockOffsetForTests(0));

describe("rotating a key", () => {
  it("issues a replacement with the same settings; both work during the grace period, then only the new one", async () => {
    const { project, ctx } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const { key, secret } = await aKey(ctx, project.id, "editor", { scope: "channels", channels: [news.id], name: "Worker" });
    const rotated = await rotateKey(project.id, { id: key.id, grace: "24h" }, ctx);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.key.name).toBe("Worker");

    const [oldCheck, newCheck] = await Promise.all([verify(secret), verify(rotated.secret)]);
    expect(oldCheck.ok).toBe(true);
    expect(newCheck.ok && [newCheck.key.role, newCheck.key.scope, newCheck.key.channels]).toEqual(["editor", "channels", ["news"]]);

    setClockOffsetForTests(25 * HOUR);
    expect(await verify(secret)).toMatchObject({ ok: false, code: "key_expired" });
    expect((await verify(rotated.secret)).ok).toBe(true);
  });

  it("stops the old key at once with 'now'", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "support");
    const rotated = await rotateKey(project.id, { id: key.id, grace: "now" }, ctx);
    // Review (dashboard #24): the old key said only "has expired"; it says it was replaced.
    expect(await verify(secret)).toMatchObject({ ok: false, code: "key_expired", message: "This API key was replaced by a rotation and no longer works: use the new key." });
    expect((await verify(rotated.secret)).ok).toBe(true);
  });

  it("refuses to rotate a replaced, revoked or expired key, changing nothing", async () => {
    const { project, ctx } = await aProject();
    const first = await aKey(ctx, project.id, "support");
    await rotateKey(project.id, { id: first.key.id, grace: "1h" }, ctx);
    const revoked = await aKey(ctx, project.id, "support");
    await revokeKey(project.id, revoked.key.id, ctx);
    const expired = await aKey(ctx, project.id, "support");
    await db().apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await db().apiKey.count({ where: { projectId: project.id } });
    for (const id of [first.key.id, revoked.key.id, expired.key.id]) {
      await expect(rotateKey(project.id, { id, grace: "1h" }, ctx)).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "conflict");
    }
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(before);
  });

  it("lets exactly one of 20 concurrent rotations of one key win", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "admin");
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => rotateKey(project.id, { id: key.id, grace: "1h" }, ctx)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason, `${(r.reason as { code?: string }).code}: ${(r.reason as Error).message}`).toBeInstanceOf(DomainError);
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(2);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "key.rotated" } })).toBe(1);
  });

  it("keeps the secret out of the audit entry and treats another project's key as not found", async () => {
    const a = await aProject("A");
    const b = await aProject("B");
    const { key } = await aKey(b.ctx, b.project.id, "admin");
    await expect(rotateKey(a.project.id, { id: key.id, grace: "1h" }, a.ctx)).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "not_found");
    const rotated = await rotateKey(b.project.id, { id: key.id, grace: "1h" }, b.ctx);
    const entries = await db().auditEntry.findMany({ where: { projectId: b.project.id } });
    expect(JSON.stringify(entries)).not.toContain(rotated.secret);
    expect(JSON.stringify(entries)).not.toContain(rotated.secret.slice(6, 38));
  });
});

describe("a key's detail", () => {
  it("shows the whole rotation chain, oldest first, from any key in it, and nothing of another project", async () => {
    const { project, ctx } = await aProject();
    const first = await aKey(ctx, project.id, "editor", { name: "Chain" });
    const second = await rotateKey(project.id, { id: first.key.id, grace: "1h" }, ctx);
    const third = await rotateKey(project.id, { id: second.key.id, grace: "now" }, ctx);
    const ids = [first.key.id, second.key.id, third.key.id];

    for (const id of ids) {
      const detail = await keyDetail(project.id, id);
      expect(detail?.history.map((s) => s.id)).toEqual(ids);
      expect(detail?.history.filter((s) => s.current).map((s) => s.id)).toEqual([id]);
    }
    const middle = await keyDetail(project.id, second.key.id);
    expect(middle?.history.map((s) => s.status)).toEqual(["active", "expired", "active"]);
    expect(middle?.key.replacedBy?.id).toBe(third.key.id);
    expect(middle?.createdBy?.email).toBe(ctx.actor.label);

    const other = await aProject();
    expect(await keyDetail(other.project.id, first.key.id)).toBeNull();
    const lone = await aKey(ctx, project.id, "support");
    expect((await keyDetail(project.id, lone.key.id))?.history).toEqual([]);
  });
});
