import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { aChannel, aKey, aProject, refusal } from "@/lib/testing/fixtures";
import { deleteKey } from "@/lib/keys/service";
import { createChannel, deleteChannel, renameChannel } from "./service";
import { createChannelSchema, renameChannelSchema } from "./schemas";
import { listChannels } from "./queries";

const everything = async () => ({
  channels: await db().channel.findMany({ orderBy: { id: "asc" } }),
  keyChannels: await db().keyChannel.count(),
  audit: await db().auditEntry.count(),
});

describe("channels", () => {
  it("creates a channel in its project and audits it", async () => {
    const { project, ctx } = await aProject();
    const input = createChannelSchema.parse({ name: "  Test devices ", slug: "test-devices" });
    const channel = await createChannel(project.id, input, ctx);
    expect(await db().channel.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({ projectId: project.id, name: "Test devices", slug: "test-devices" });
    const audit = await db().auditEntry.findMany({ where: { projectId: project.id, action: { startsWith: "channel." } } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "channel.created", targetType: "channel", targetId: channel.id, targetLabel: "test-devices" });
    expect(await listChannels(project.id)).toEqual([expect.objectContaining({ id: channel.id, slug: "test-devices", keyCount: 0 })]);
  });

  it("refuses a duplicate slug in the same project as a conflict on the slug field, and writes nothing", async () => {
    const { project, ctx } = await aProject();
    await aChannel(ctx, project.id, "news");
    const before = await everything();
    const error = await refusal(createChannel(project.id, { name: "News again", slug: "news" }, ctx));
    expect(error.code).toBe("conflict");
    expect(error.field).toBe("slug");
    expect(error.message).toContain('"news"');
    expect(await everything()).toEqual(before);
  });

  it("lets only one of two concurrent creations of one slug succeed, the other being a slug conflict", async () => {
    const { project, ctx } = await aProject();
    const results = await Promise.allSettled([createChannel(project.id, { name: "A", slug: "race" }, ctx), createChannel(project.id, { name: "B", slug: "race" }, ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toBeInstanceOf(DomainError);
    expect(rejected?.reason).toMatchObject({ code: "conflict", field: "slug" });
    expect(await db().channel.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "channel.created" } })).toBe(1);
  });

  it("allows the same slug in two different projects", async () => {
    const a = await aProject();
    const b = await aProject();
    await aChannel(a.ctx, a.project.id, "news");
    await expect(aChannel(b.ctx, b.project.id, "news")).resolves.toMatchObject({ slug: "news" });
  });

  it("refuses slugs that are not lowercase letters, digits and single dashes", () => {
    const bad = ["", "   ", "Test", "test devices", "test_devices", "-news", "news-", "a--b", "café", "news!", "a/b", "x".repeat(51), "news\u0000"];
    for (const slug of bad) {
      const parsed = createChannelSchema.safeParse({ name: "Channel", slug });
      expect(parsed.success, JSON.stringify(slug)).toBe(false);
      expect(parsed.error?.issues[0].path).toEqual(["slug"]);
    }
    for (const slug of ["news", "test-devices", "a1", "2024-q1", "x".repeat(50)]) {
      expect(createChannelSchema.parse({ name: "Channel", slug }).slug).toBe(slug);
    }
  });

  it("refuses a missing or overlong channel name", () => {
    expect(createChannelSchema.safeParse({ name: "  ", slug: "news" }).success).toBe(false);
    expect(createChannelSchema.safeParse({ name: "n".repeat(101), slug: "news" }).success).toBe(false);
  });

  it("renames a channel, keeps its slug, and records the old and new name", async () => {
    const { project, ctx } = await aProject();
    const channel = await aChannel(ctx, project.id, "news");
    await renameChannel(project.id, renameChannelSchema.parse({ id: channel.id, name: "Newsletter" }), ctx);
    expect(await db().channel.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({ name: "Newsletter", slug: "news" });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "channel.renamed" } });
    expect(entry.targetId).toBe(channel.id);
    expect(JSON.parse(entry.changes ?? "{}")).toEqual({ name: { from: "news", to: "Newsletter" } });
  });

  it("refuses to delete a channel while a key is scoped to it, then deletes it once the key is gone", async () => {
    const { project, ctx } = await aProject();
    const channel = await aChannel(ctx, project.id, "vip");
    const scoped = await aKey(ctx, project.id, "editor", { scope: "channels", channels: [channel.id] });
    await aKey(ctx, project.id, "admin");
    const before = await everything();
    const error = await refusal(deleteChannel(project.id, channel.id, ctx));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain('"vip"');
    expect(await everything()).toEqual(before);

    await deleteKey(project.id, scoped.key.id, ctx);
    await deleteChannel(project.id, channel.id, ctx);
    expect(await db().channel.findUnique({ where: { id: channel.id } })).toBeNull();
    const entries = await db().auditEntry.findMany({ where: { projectId: project.id, action: "channel.deleted" } });
    expect(entries).toHaveLength(1);
    expect(entries[0].targetId).toBe(channel.id);
  });

  it("answers not_found for another project's or a forged channel id, and changes nothing", async () => {
    const a = await aProject();
    const b = await aProject();
    const theirs = await aChannel(b.ctx, b.project.id, "theirs");
    await aChannel(a.ctx, a.project.id, "ours");
    const before = await everything();
    for (const id of [theirs.id, "cmforgedchannel0000000000"]) {
      expect((await refusal(renameChannel(a.project.id, { id, name: "Hijacked" }, a.ctx))).code).toBe("not_found");
      expect((await refusal(deleteChannel(a.project.id, id, a.ctx))).code).toBe("not_found");
    }
    expect(await everything()).toEqual(before);
  });
});
