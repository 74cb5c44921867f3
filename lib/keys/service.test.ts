import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import type { AuditContext } from "@/lib/audit/record";
import { createKey, deleteKey, LAST_KEY_MESSAGE, revealKey, revokeKey, updateKey } from "./service";
import { createKeySchema, updateKeySchema } from "./schemas";
import { verifyKey } from "./verify";
import { findKeyByHash } from "./lookup";

type Row = Record<string, unknown>;
// The caller's membership matters only for secret keys (lib/keys/reveal-policy.test.ts).
const OWNER = { userId: "owner", email: "owner@example.com", role: "owner", freshAuth: async () => true };
const asText = (rows: Row[]) => JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

// Every column of every row, read with SQL so no Prisma `select` can hide one.
const allKeyRows = () => db().$queryRaw<Row[]>`SELECT * FROM "ApiKey"`;
const allAuditRows = () => db().$queryRaw<Row[]>`SELECT * FROM "AuditEntry"`;

/** Everything a refused mutation must leave untouched, for every project in the database. */
async function everything() {
  const [keys, keyChannels, audit] = await Promise.all([
    db().apiKey.findMany({ orderBy: { id: "asc" }, include: { channels: true } }),
    db().keyChannel.findMany({ orderBy: [{ keyId: "asc" }, { channelId: "asc" }] }),
    db().auditEntry.count(),
  ]);
  return { keys, keyChannels, audit };
}

async function expectRefusal(promise: Promise<unknown>, code: DomainError["code"], message?: RegExp | string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (message !== undefined) expect((error as DomainError).message).toMatch(message);
  return error as DomainError;
}

/** Runs one mutation and returns the audit entries it wrote in the project. */
async function auditWrittenBy(projectId: string, mutation: () => Promise<unknown>) {
  const before = new Set((await db().auditEntry.findMany({ where: { projectId }, select: { id: true } })).map((e) => e.id));
  await mutation();
  const after = await db().auditEntry.findMany({ where: { projectId } });
  return after.filter((e) => !before.has(e.id));
}

const settings = (role: "client" | "support" | "editor" | "admin", extra: Partial<{ name: string; scope: "all" | "channels"; channels: string[] }> = {}) =>
  createKeySchema.parse({ role, scope: "all", ...extra });

const FORGED_ID = "cmforgedkeyid000000000000";

describe("creating a key", () => {
  it("stores only the SHA-256 hash and a preview, never the plain key, in any key or audit column", async () => {
    const { project, ctx } = await aProject();
    for (const role of ["admin", "client"] as const) {
      const { key, secret } = await createKey(project.id, settings(role, { name: `${role} key` }), ctx);
      const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(row.hash).toBe(createHash("sha256").update(secret).digest("hex"));
      expect(row.preview).toBe(`${secret.slice(0, 6)}…${secret.slice(-4)}`);
      const randomPart = secret.slice(6, 38);
      for (const text of [asText(await allKeyRows()), asText(await allAuditRows())]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(randomPart);
      }
    }
  });

  it("keeps a secret key nowhere in recoverable form", async () => {
    const { project, ctx } = await aProject();
    const { key } = await createKey(project.id, settings("support"), ctx);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.kind).toBe("sk");
    expect(row.encryptedKey).toBeNull();
  });

  it("stores a publishable key encrypted, and revealing it returns the same key and audits the reveal", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await createKey(project.id, settings("client"), ctx);
    expect(secret).toMatch(/^lk_pk_/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.encryptedKey).toMatch(/^v1\./);
    expect(row.encryptedKey).not.toContain(secret.slice(6, 38));

    let revealed: Awaited<ReturnType<typeof revealKey>> | undefined;
    const written = await auditWrittenBy(project.id, async () => {
      revealed = await revealKey(project.id, { id: key.id }, ctx, OWNER);
    });
    expect(revealed?.secret).toBe(secret);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ action: "key.revealed", targetType: "api_key", targetId: key.id, actorId: ctx.actor.id, ip: ctx.meta.ip });
    expect(written[0].changes ?? "").not.toContain(secret);
  });

  it("refuses to reveal a secret key and writes nothing", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "admin");
    const before = await everything();
    await expectRefusal(revealKey(project.id, { id: key.id }, ctx, OWNER), "forbidden", /shown only once/);
    expect(await everything()).toEqual(before);
  });

  it("refuses to reveal a revoked publishable key", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "client");
    await revokeKey(project.id, key.id, ctx);
    const before = await everything();
    await expectRefusal(revealKey(project.id, { id: key.id }, ctx, OWNER), "conflict");
    expect(await everything()).toEqual(before);
  });

  it("requires at least one channel for a channel-scoped key, in the schema and in the service", async () => {
    const parsed = createKeySchema.safeParse({ role: "editor", scope: "channels", channels: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain("channels");

    const { project, ctx } = await aProject();
    const before = await everything();
    const unchecked = { ...settings("editor"), scope: "channels" as const, channels: [] };
    await expectRefusal(createKey(project.id, unchecked, ctx), "validation_failed");
    expect(await everything()).toEqual(before);
  });

  it("scopes a key to the chosen channels of its own project", async () => {
    const { project, ctx } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const vip = await aChannel(ctx, project.id, "vip");
    const { secret } = await createKey(project.id, settings("editor", { scope: "channels", channels: [vip.id, news.id, vip.id] }), ctx);
    const verified = await verifyKey(secret, findKeyByHash);
    expect(verified).toMatchObject({ ok: true, key: { scope: "channels", channels: ["news", "vip"] } });
  });

  it("refuses a channel of another project and writes nothing", async () => {
    const a = await aProject();
    const b = await aProject();
    const own = await aChannel(a.ctx, a.project.id, "own");
    const foreign = await aChannel(b.ctx, b.project.id, "foreign");
    for (const channels of [[foreign.id], [own.id, foreign.id]]) {
      const before = await everything();
      const error = await expectRefusal(createKey(a.project.id, settings("editor", { scope: "channels", channels }), a.ctx), "validation_failed");
      expect(error.field).toBe("channels");
      expect(await everything()).toEqual(before);
    }
  });

  it("refuses a 101-character name and accepts 100 characters, counted after trimming", () => {
    const long = createKeySchema.safeParse({ role: "editor", scope: "all", name: "x".repeat(101) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]).toMatchObject({ path: ["name"], message: "Name must be at most 100 characters." });
    expect(createKeySchema.parse({ role: "editor", scope: "all", name: "x".repeat(100) }).name).toHaveLength(100);
    expect(createKeySchema.parse({ role: "editor", scope: "all", name: `  ${"x".repeat(100)}  ` }).name).toBe("x".repeat(100));
  });

  it("treats a whitespace-only name as no name, so the key gets its role's default name", async () => {
    const input = createKeySchema.parse({ role: "support", scope: "all", name: " \t  " });
    expect(input.name).toBe("");
    const { project, ctx } = await aProject();
    const { key } = await createKey(project.id, input, ctx);
    expect(key.name).toBe("Support key");
  });

  it("refuses control characters in a name", () => {
    expect(createKeySchema.safeParse({ role: "editor", scope: "all", name: "bad\u0000name" }).success).toBe(false);
  });
});

describe("editing a key", () => {
  it("keeps the key value while it changes role, scope and channels, and records the diff", async () => {
    const { project, ctx } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const { key, secret } = await aKey(ctx, project.id, "editor", { name: "Backend" });
    const rowBefore = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });

    const input = updateKeySchema.parse({ id: key.id, name: "Backend v2", role: "admin", scope: "channels", channels: [news.id] });
    const written = await auditWrittenBy(project.id, () => updateKey(project.id, input, ctx));

    const rowAfter = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(rowAfter.hash).toBe(rowBefore.hash);
    expect(rowAfter.preview).toBe(rowBefore.preview);
    const verified = await verifyKey(secret, findKeyByHash);
    expect(verified).toMatchObject({ ok: true, key: { id: key.id, name: "Backend v2", role: "admin", scope: "channels", channels: ["news"] } });

    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ action: "key.updated", targetId: key.id });
    expect(JSON.parse(written[0].changes ?? "{}")).toEqual({
      name: { from: "Backend", to: "Backend v2" },
      role: { from: "editor", to: "admin" },
      scope: { from: "all", to: "channels" },
      channels: { from: [], to: ["news"] },
    });
  });

  it("takes the new role and scope on the very next verification", async () => {
    const { project, ctx } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const { key, secret } = await aKey(ctx, project.id, "admin", { scope: "channels", channels: [news.id] });
    await updateKey(project.id, updateKeySchema.parse({ id: key.id, role: "support", scope: "all" }), ctx);
    expect(await verifyKey(secret, findKeyByHash)).toMatchObject({ ok: true, key: { role: "support", scope: "all", channels: [] } });
    expect(await db().keyChannel.count({ where: { keyId: key.id } })).toBe(0);
  });

  it("keeps the current name when the new name is whitespace only", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor", { name: "Keep me" });
    await updateKey(project.id, updateKeySchema.parse({ id: key.id, name: "   ", role: "editor", scope: "all" }), ctx);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).name).toBe("Keep me");
  });

  it("refuses to give a publishable key a secret role, says to create a secret key, and changes nothing", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "client");
    for (const role of ["support", "editor", "admin"] as const) {
      const before = await everything();
      const error = await expectRefusal(updateKey(project.id, updateKeySchema.parse({ id: key.id, role, scope: "all" }), ctx), "validation_failed", /create a secret key/i);
      expect(error.field).toBe("role");
      expect(await everything()).toEqual(before);
    }
  });

  it("refuses to turn a secret key into a publishable one and changes nothing", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "support");
    const before = await everything();
    await expectRefusal(updateKey(project.id, updateKeySchema.parse({ id: key.id, role: "client", scope: "all" }), ctx), "validation_failed", /Client key/);
    expect(await everything()).toEqual(before);
  });

  it("refuses a channel-scoped edit with no channels, even past the schema", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    expect(updateKeySchema.safeParse({ id: key.id, role: "editor", scope: "channels" }).success).toBe(false);
    const before = await everything();
    const unchecked = { id: key.id, name: "", description: "", role: "editor" as const, scope: "channels" as const, channels: [] };
    await expectRefusal(updateKey(project.id, unchecked, ctx), "validation_failed");
    expect(await everything()).toEqual(before);
  });

  it("refuses a channel of another project and changes nothing", async () => {
    const a = await aProject();
    const b = await aProject();
    const foreign = await aChannel(b.ctx, b.project.id, "foreign");
    const { key } = await aKey(a.ctx, a.project.id, "editor");
    const before = await everything();
    await expectRefusal(updateKey(a.project.id, updateKeySchema.parse({ id: key.id, role: "editor", scope: "channels", channels: [foreign.id] }), a.ctx), "validation_failed");
    expect(await everything()).toEqual(before);
  });

  it("refuses to edit a revoked key", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    await revokeKey(project.id, key.id, ctx);
    const before = await everything();
    await expectRefusal(updateKey(project.id, updateKeySchema.parse({ id: key.id, role: "admin", scope: "all" }), ctx), "conflict");
    expect(await everything()).toEqual(before);
  });
});

describe("ids that are forged or belong to another project", () => {
  it("give not_found for every key mutation and change nothing", async () => {
    const a = await aProject();
    const b = await aProject();
    await aKey(a.ctx, a.project.id, "client");
    const other = await aKey(b.ctx, b.project.id, "client");
    await aKey(b.ctx, b.project.id, "admin");
    const before = await everything();
    for (const id of [FORGED_ID, other.key.id]) {
      await expectRefusal(updateKey(a.project.id, updateKeySchema.parse({ id, name: "Stolen", role: "client", scope: "all" }), a.ctx), "not_found");
      await expectRefusal(revokeKey(a.project.id, id, a.ctx), "not_found");
      await expectRefusal(deleteKey(a.project.id, id, a.ctx), "not_found");
      await expectRefusal(revealKey(a.project.id, { id }, a.ctx, OWNER), "not_found");
    }
    expect(await everything()).toEqual(before);
  });
});

describe("revoking a key", () => {
  it("marks the key revoked, keeps the row, and verification then fails with key_revoked", async () => {
    const { project, ctx } = await aProject();
    const { key, secret } = await aKey(ctx, project.id, "editor");
    expect((await verifyKey(secret, findKeyByHash)).ok).toBe(true);
    await revokeKey(project.id, key.id, ctx);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    expect(await verifyKey(secret, findKeyByHash)).toMatchObject({ ok: false, code: "key_revoked" });
  });

  it("is a conflict the second time and writes no second audit entry", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    await revokeKey(project.id, key.id, ctx);
    const before = await everything();
    await expectRefusal(revokeKey(project.id, key.id, ctx), "conflict", /already revoked/);
    expect(await everything()).toEqual(before);
  });

  it("lets exactly one of two concurrent revocations win", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    const results = await Promise.allSettled([revokeKey(project.id, key.id, ctx), revokeKey(project.id, key.id, ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected?.reason as DomainError).code).toBe("conflict");
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "key.revoked" } })).toBe(1);
  });
});

describe("deleting a key", () => {
  it("refuses the project's last key with a message to create another or revoke it", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    const before = await everything();
    await expectRefusal(deleteKey(project.id, key.id, ctx), "conflict", LAST_KEY_MESSAGE);
    expect(await everything()).toEqual(before);
  });

  it("removes the key record while its audit entries stay", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    await aKey(ctx, project.id, "admin");
    await revokeKey(project.id, key.id, ctx);
    await deleteKey(project.id, key.id, ctx);
    expect(await db().apiKey.findUnique({ where: { id: key.id } })).toBeNull();
    const trail = await db().auditEntry.findMany({ where: { projectId: project.id, targetId: key.id }, orderBy: { createdAt: "asc" } });
    expect(trail.map((e) => e.action)).toEqual(["key.created", "key.revoked", "key.deleted"]);
  });

  it("never leaves a project without a key when two deletes race", async () => {
    for (let round = 0; round < 5; round++) {
      const { project, ctx } = await aProject();
      const a = await aKey(ctx, project.id, "editor");
      const b = await aKey(ctx, project.id, "admin");
      const results = await Promise.allSettled([deleteKey(project.id, a.key.id, ctx), deleteKey(project.id, b.key.id, ctx)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.reason).toBeInstanceOf(DomainError);
      expect((rejected?.reason as DomainError).message).toBe(LAST_KEY_MESSAGE);
      expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(1);
      expect(await db().auditEntry.count({ where: { projectId: project.id, action: "key.deleted" } })).toBe(1);
    }
  });

  it("lets only two of three concurrent deletes succeed", async () => {
    const { project, ctx } = await aProject();
    const keys = await Promise.all(["support", "editor", "admin"].map(async (role) => (await aKey(ctx, project.id, role as "editor")).key.id));
    const results = await Promise.allSettled(keys.map((id) => deleteKey(project.id, id, ctx)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await db().apiKey.count({ where: { projectId: project.id } })).toBe(1);
  });
});

describe("the audit trail", () => {
  it("gets exactly one entry with the right action for every key mutation", async () => {
    const { project, ctx } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const apiCtx: AuditContext = { actor: { type: "key", id: "k", label: "automation" }, meta: { ip: "198.51.100.4", userAgent: "curl" } };
    let id = "";
    let other = "";
    const web = () => id;
    const steps: [string, () => Promise<unknown>, () => string][] = [
      ["key.created", async () => (id = (await createKey(project.id, settings("client", { name: "Web" }), ctx)).key.id), web],
      ["key.created", async () => (other = (await createKey(project.id, settings("admin"), apiCtx)).key.id), () => other],
      ["key.updated", () => updateKey(project.id, updateKeySchema.parse({ id, name: "Web app", role: "client", scope: "channels", channels: [news.id] }), ctx), web],
      ["key.revealed", () => revealKey(project.id, { id }, apiCtx, OWNER), web],
      ["key.revoked", () => revokeKey(project.id, id, ctx), web],
      ["key.deleted", () => deleteKey(project.id, id, ctx), web],
    ];
    for (const [action, step, target] of steps) {
      const written = await auditWrittenBy(project.id, step);
      expect(written, action).toHaveLength(1);
      expect(written[0]).toMatchObject({ action, projectId: project.id, targetType: "api_key", targetId: target() });
    }
    const byKey = await db().auditEntry.findMany({ where: { projectId: project.id, targetId: other } });
    expect(byKey).toHaveLength(1);
    expect(byKey[0]).toMatchObject({ actorType: "key", actorLabel: "automation", ip: "198.51.100.4", userAgent: "curl" });
  });
});

describe("editing a key's scope", () => {
  it("gives verification the new channel slugs at once, in one read", async () => {
    const { project, ctx } = await aProject();
    const alpha = await aChannel(ctx, project.id, "alpha");
    const beta = await aChannel(ctx, project.id, "beta");
    const { key, secret } = await aKey(ctx, project.id, "editor", { scope: "channels", channels: [beta.id] });
    expect((await findKeyByHash(createHash("sha256").update(secret).digest("hex")))?.channels).toEqual(["beta"]);
    await updateKey(project.id, { id: key.id, name: "", description: "", role: "editor", scope: "channels", channels: [beta.id, alpha.id] }, ctx);
    const result = await verifyKey(secret, findKeyByHash);
    expect(result.ok && result.key.channels).toEqual(["alpha", "beta"]);
    await updateKey(project.id, { id: key.id, name: "", description: "", role: "editor", scope: "all", channels: [] }, ctx);
    const widened = await verifyKey(secret, findKeyByHash);
    expect(widened.ok && [widened.key.scope, widened.key.channels]).toEqual(["all", []]);
  });

  it("writes nothing, not even an audit entry, when nothing changed", async () => {
    const { project, ctx } = await aProject();
    const news = await aChannel(ctx, project.id, "news");
    const { key } = await aKey(ctx, project.id, "editor", { scope: "channels", channels: [news.id], name: "Same" });
    const before = await everything();
    const result = await updateKey(project.id, { id: key.id, name: "Same", description: "", role: "editor", scope: "channels", channels: [news.id] }, ctx);
    expect(result.changed).toBe(false);
    expect(await everything()).toEqual(before);
  });
});
