import { describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { revokeKey } from "@/lib/keys/service";
import { MAIL_SUBJECTS } from "@/lib/mail/templates";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import * as revoke from "./route";
import * as me from "../../me/route";

// SPEC §15: POST /api/v1/credentials/revoke, no key. Every live secret key reported is revoked,
// audited and mailed to its project's owners and admins; the reporter's answer never depends on
// what was found; a string whose checksum fails costs no database read; limited per address.

let address = 0;
const freshIp = () => `198.51.100.${(address++ % 250) + 1}`;

function report(body: unknown, { ip = freshIp(), userAgent = "leak-scanner/2.1" } = {}) {
  return revoke.POST(
    new Request("http://localhost/api/v1/credentials/revoke", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip, "user-agent": userAgent },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

const callMe = (secret: string) => me.GET(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": freshIp() } }), { params: Promise.resolve({}) });

/** A string in the key format whose checksum is wrong. */
const withBadChecksum = (key: string) => key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");

describe("POST /api/v1/credentials/revoke", () => {
  it("revokes a live secret key found among junk, audits it with where the report came from, and mails the owners and admins without the secret", async () => {
    const { project, ctx, email: owner } = await aProject("Leaky");
    const admin = await aMember(project.id, "admin");
    const viewer = await aMember(project.id, "viewer");
    const leaked = await aKey(ctx, project.id, "editor", { name: "CI deploy" });
    const publishable = await aKey(ctx, project.id, "client", { name: "Web widget" });
    const untouched = await aKey(ctx, project.id, "editor", { name: "Untouched" });

    const res = await report({ credentials: ["not a key", withBadChecksum(untouched.secret), leaked.secret, publishable.secret, generateKey("sk")] }, { ip: "203.0.113.99" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: 5 });

    const keys = await db().apiKey.findMany({ where: { projectId: project.id }, select: { id: true, revokedAt: true } });
    const revokedIds = keys.filter((k) => k.revokedAt).map((k) => k.id);
    expect(revokedIds).toEqual([leaked.key.id]);
    expect(await (await callMe(leaked.secret)).json()).toMatchObject({ error: { code: "key_revoked" } });
    expect((await callMe(untouched.secret)).status).toBe(200);

    const audit = await db().auditEntry.findMany({ where: { projectId: project.id, action: "key.leaked" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "system", actorLabel: "Leak report", targetId: leaked.key.id, ip: "203.0.113.99", userAgent: "leak-scanner/2.1" });

    const mails = await db().mail.findMany({ where: { subject: MAIL_SUBJECTS.keyLeaked, recipient: { in: [owner, admin.email, viewer.email] } } });
    expect(mails.map((m) => m.recipient).sort()).toEqual([owner, admin.email].sort());
    for (const mail of mails) {
      expect(mail.body).toContain('"CI deploy"');
      expect(mail.body).toContain(leaked.key.preview);
      expect(mail.body).toContain("Reported from: 203.0.113.99 (leak-scanner/2.1)");
      expect(mail.body).not.toContain(leaked.secret);
      expect(mail.body).not.toContain(leaked.secret.slice(6, 38));
    }
  });

  it("answers the same whether a live key, a revoked key or nothing was found", async () => {
    const { project, ctx } = await aProject();
    const live = await aKey(ctx, project.id, "editor");
    const gone = await aKey(ctx, project.id, "editor");
    await revokeKey(project.id, gone.key.id, ctx);
    const answers = [];
    for (const credentials of [[live.secret], [gone.secret], [generateKey("sk")], ["nothing"]]) {
      const res = await report({ credentials });
      const body = await res.json();
      answers.push({ status: res.status, body, headers: [...res.headers.keys()].filter((h) => h !== "x-request-id").sort() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 202, body: { received: 1 } });
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "key.leaked" } })).toBe(1);
  });

  it("reads the database only for strings in the key format whose checksum matches", async () => {
    const { project, ctx } = await aProject();
    const key = await aKey(ctx, project.id, "editor");
    const reads = vi.spyOn(db().apiKey, "findMany");
    try {
      const junk = Array.from({ length: 1000 }, (_, i) => (i % 2 ? withBadChecksum(generateKey("sk")) : `lk_sk_${randomBytes(8).toString("hex")}`));
      expect((await report({ credentials: junk })).status).toBe(202);
      expect(reads).not.toHaveBeenCalled();
      expect((await report({ credentials: [key.secret] })).status).toBe(202);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  it("refuses a bad report with the error envelope and revokes nothing: more than 1000 strings, no list, an unknown field, a non-string, broken JSON", async () => {
    const { project, ctx } = await aProject();
    const key = await aKey(ctx, project.id, "editor");
    const tooMany = [key.secret, ...Array.from({ length: 1000 }, () => "x")];
    for (const [body, status, code] of [
      [{ credentials: tooMany }, 422, "validation_failed"],
      [{}, 422, "validation_failed"],
      [{ credentials: [] }, 422, "validation_failed"],
      [{ credentials: [key.secret], source: "x" }, 422, "validation_failed"],
      [{ credentials: [key.secret, 7] }, 422, "validation_failed"],
      ['{"credentials": [', 400, "invalid_json"],
    ] as const) {
      const res = await report(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.key.id } })).revokedAt).toBeNull();
  });

  it("limits reports per address: the 21st in a minute is 429 with Retry-After, another address still reports", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < 20; i++) expect((await report({ credentials: ["x"] }, { ip })).status).toBe(202);
    const refused = await report({ credentials: ["x"] }, { ip });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await report({ credentials: ["x"] }, { ip: "192.0.2.78" })).status).toBe(202);
  });

  it("answers other methods with 405 naming POST", async () => {
    const res = await revoke.GET(new Request("http://localhost/api/v1/credentials/revoke"), { params: Promise.resolve({}) });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("POST");
  });
});
