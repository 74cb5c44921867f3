import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { createKey, rotateKey, updateKey } from "./service";
import { createKeySchema, updateKeySchema } from "./schemas";
import { keyDetail } from "./queries";

// The per-key rate limit as a setting: validated, stored, audited, edited and carried by rotation.

const everything = () => Promise.all([db().apiKey.findMany({ orderBy: { id: "asc" } }), db().auditEntry.count()]);
const storedLimit = async (id: string) => (await db().apiKey.findUniqueOrThrow({ where: { id }, select: { rateLimit: true } })).rateLimit;
const lastAudit = async (projectId: string) => JSON.parse((await db().auditEntry.findFirstOrThrow({ where: { projectId }, orderBy: { createdAt: "desc" } })).changes ?? "null");

const REFUSED: [unknown, RegExp][] = [
  ["0", /at least 1 request per minute/],
  [0, /at least 1 request per minute/],
  ["-1", /at least 1 request per minute/],
  ["1.5", /whole number/],
  [String(10 ** 9), /at most 100,000 requests per minute/],
  [10 ** 9, /at most 100,000 requests per minute/],
  ["abc", /Enter a whole number of requests per minute, or leave it empty/],
  ["1e3", /Enter a whole number of requests per minute, or leave it empty/],
];

describe("a key's rate limit setting", () => {
  it("reads an empty field as no limit and a number as requests per minute", () => {
    expect(createKeySchema.parse({ role: "editor", scope: "all", rateLimit: "" }).rateLimit).toBeNull();
    expect(createKeySchema.parse({ role: "editor", scope: "all", rateLimit: " 120 " }).rateLimit).toBe(120);
    expect(createKeySchema.parse({ role: "editor", scope: "all", rateLimit: "100000" }).rateLimit).toBe(100_000);
    expect(updateKeySchema.parse({ id: "k1", role: "editor", scope: "all", rateLimit: "" }).rateLimit).toBeNull();
  });

  it.each(REFUSED)("refuses %j with an error on the rateLimit field, in both schemas", (value, message) => {
    for (const schema of [createKeySchema, updateKeySchema]) {
      const parsed = schema.safeParse({ id: "k1", role: "editor", scope: "all", rateLimit: value });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toHaveLength(1);
      expect(parsed.error?.issues[0].path).toEqual(["rateLimit"]);
      expect(parsed.error?.issues[0].message).toMatch(message);
    }
  });

  it("is refused by the service too, for callers that skip the schema, and nothing changes", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    const before = await everything();
    for (const [value] of REFUSED) {
      const create = createKey(project.id, { ...createKeySchema.parse({ role: "editor", scope: "all" }), rateLimit: value as number }, ctx);
      const update = updateKey(project.id, { ...updateKeySchema.parse({ id: key.id, role: "editor", scope: "all" }), rateLimit: value as number }, ctx);
      for (const attempt of [create, update]) {
        const error = await attempt.then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "validation_failed", field: "rateLimit" });
      }
    }
    expect(await everything()).toEqual(before);
  });

  it("is stored at creation, audited, and shown on the key's page", async () => {
    const { project, ctx } = await aProject();
    const { key } = await createKey(project.id, createKeySchema.parse({ role: "editor", scope: "all", rateLimit: "120" }), ctx);
    expect(await storedLimit(key.id)).toBe(120);
    expect(await lastAudit(project.id)).toMatchObject({ rateLimit: 120 });
    expect((await keyDetail(project.id, key.id))?.key.rateLimit).toBe(120);
  });

  it("is changed and cleared by an edit, each change audited as a from/to diff", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor");
    expect(await storedLimit(key.id)).toBeNull();

    await updateKey(project.id, updateKeySchema.parse({ id: key.id, role: "editor", scope: "all", rateLimit: "30" }), ctx);
    expect(await storedLimit(key.id)).toBe(30);
    expect(await lastAudit(project.id)).toEqual({ rateLimit: { from: null, to: 30 } });

    await updateKey(project.id, updateKeySchema.parse({ id: key.id, role: "editor", scope: "all", rateLimit: "" }), ctx);
    expect(await storedLimit(key.id)).toBeNull();
    expect(await lastAudit(project.id)).toEqual({ rateLimit: { from: 30, to: null } });
  });

  it("is left as it is by an edit that does not mention it", async () => {
    const { project, ctx } = await aProject();
    const { key } = await createKey(project.id, createKeySchema.parse({ role: "editor", scope: "all", rateLimit: 7 }), ctx);
    const result = await updateKey(project.id, updateKeySchema.parse({ id: key.id, name: "Renamed", role: "editor", scope: "all" }), ctx);
    expect(result.changed).toBe(true);
    expect(await storedLimit(key.id)).toBe(7);
  });

  it("is copied to the replacement when the key is rotated", async () => {
    const { project, ctx } = await aProject();
    const { key } = await createKey(project.id, createKeySchema.parse({ role: "editor", scope: "all", rateLimit: 45 }), ctx);
    const rotated = await rotateKey(project.id, { id: key.id, grace: "1h" }, ctx);
    expect(await storedLimit(rotated.key.id)).toBe(45);
  });
});
