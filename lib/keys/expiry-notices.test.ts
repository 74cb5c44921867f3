import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aMember, aProject } from "@/lib/testing/fixtures";
import { createKey, revokeKey, rotateKey } from "./service";
import { sendExpiryNotices } from "./expiry-notices";
import { MAIL_SUBJECTS } from "@/lib/mail/templates";

const DAY = 86_400_000;
const expiring = (name: string) => ({ name, description: "", role: "support" as const, scope: "all" as const, channels: [], expires: "30" as const, expiresOn: "" });
const noticesTo = (email: string) => db().mail.findMany({ where: { recipient: email, subject: MAIL_SUBJECTS.keyExpiring } });

describe("expiry notices", () => {
  it("tells owners and admins, not viewers, once, when a key is within 7 days of expiring", async () => {
    const team = await aProject("Expiry Co");
    const admin = await aMember(team.project.id, "admin");
    const viewer = await aMember(team.project.id, "viewer");
    const { key } = await createKey(team.project.id, expiring("Partner feed"), team.ctx);
    const created = (await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).createdAt.getTime();

    expect(await sendExpiryNotices(new Date(created + 22 * DAY))).toBe(0); // 8 days left
    expect(await noticesTo(team.email)).toHaveLength(0);

    expect(await sendExpiryNotices(new Date(created + 24 * DAY))).toBe(1); // 6 days left
    for (const email of [team.email, admin.email]) {
      const [notice, ...more] = await noticesTo(email);
      expect(more).toHaveLength(0);
      expect(notice.body).toContain('"Partner feed"');
      expect(notice.body).toContain(key.preview);
      expect(notice.body).toContain(`/settings/api-keys/${key.id}`);
    }
    expect(await noticesTo(viewer.email)).toHaveLength(0);
    const audit = await db().auditEntry.findMany({ where: { projectId: team.project.id, action: "key.expiry_notice_sent" } });
    expect(audit).toMatchObject([{ actorType: "system", targetId: key.id }]);

    expect(await sendExpiryNotices(new Date(created + 25 * DAY))).toBe(0);
    expect(await noticesTo(team.email)).toHaveLength(1);
  });

  it("sends one notice however many sweeps run at once", async () => {
    const team = await aProject();
    await createKey(team.project.id, expiring("Raced"), team.ctx);
    const at = new Date(Date.now() + 25 * DAY);
    const counts = await Promise.all([sendExpiryNotices(at), sendExpiryNotices(at), sendExpiryNotices(at)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await noticesTo(team.email)).toHaveLength(1);
  });

  it("leaves out revoked keys, already expired keys and keys replaced by a rotation", async () => {
    const team = await aProject();
    const revoked = await createKey(team.project.id, expiring("Revoked"), team.ctx);
    await revokeKey(team.project.id, revoked.key.id, team.ctx);
    const rotated = await createKey(team.project.id, { ...expiring("Rotated"), expires: "never" }, team.ctx);
    await rotateKey(team.project.id, { id: rotated.key.id, grace: "48h" }, team.ctx);
    expect(await sendExpiryNotices(new Date(Date.now() + DAY))).toBe(0);
    expect(await sendExpiryNotices(new Date(Date.now() + 31 * DAY))).toBe(0); // "Revoked" would be past its expiry anyway
  });
});
