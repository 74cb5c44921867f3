import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { aKey, aMember, aProject } from "@/lib/testing/fixtures";
import { startSmtpServer } from "@/lib/testing/smtp";
import { rotateKey } from "@/lib/keys/service";
import { deliverPending } from "./outbox";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});
afterEach(() => setClockOffsetForTests(0));

/** A project with an owner, two admins and a viewer. */
async function aTeam() {
  const team = await aProject("Mail Co");
  const admins = [await aMember(team.project.id, "admin"), await aMember(team.project.id, "admin")];
  const viewer = await aMember(team.project.id, "viewer");
  return { ...team, admins, viewer, managers: [team.email, ...admins.map((a) => a.email)].sort() };
}

/** The mail the in-process server received for these people, after everything pending was delivered. */
async function deliveredTo(emails: string[], subject: RegExp) {
  await deliverPending();
  return smtp.received.filter((m) => m.to.some((to) => emails.includes(to)) && subject.test(m.text));
}

/** Every form a leaked key could take in a message: whole, or its random part alone. */
function expectNoSecret(text: string, ...secrets: string[]) {
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(6, 38));
  }
}

describe("key e-mails over SMTP", () => {
  it("tells every owner and admin, and no viewer, that a key was created, without the secret", async () => {
    const team = await aTeam();
    const { key, secret } = await aKey(team.ctx, team.project.id, "admin", { name: "Billing sync" });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { preview: true } });

    const mails = await deliveredTo([...team.managers, team.viewer.email], /Billing sync/);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(team.managers);
    for (const mail of mails) {
      expect(mail.to).toHaveLength(1); // one message per person: nobody sees the others' addresses
      expect(mail.text).toContain('created the API key "Billing sync"');
      expect(mail.text).toContain(row.preview);
      expect(mail.text).toContain(team.email); // who acted
      expect(mail.text).toMatch(/When: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
      expect(mail.text).toContain(`/p/${team.project.slug}/settings/api-keys/${key.id}`);
      expectNoSecret(mail.raw, secret);
      expectNoSecret(mail.text, secret);
    }
    const rows = await db().mail.findMany({ where: { recipient: { in: team.managers } } });
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 1)).toBe(true);
  });

  it("tells every owner and admin, and no viewer, that a key was rotated, with neither key's secret", async () => {
    const team = await aTeam();
    const { key, secret } = await aKey(team.ctx, team.project.id, "editor", { name: "Nightly export" });
    const rotated = await rotateKey(team.project.id, { id: key.id, grace: "24h" }, team.ctx);

    const mails = await deliveredTo([...team.managers, team.viewer.email], /rotated/);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(team.managers);
    for (const mail of mails) {
      expect(mail.text).toContain('rotated the API key "Nightly export"');
      expect(mail.text).toContain(rotated.key.preview);
      expect(mail.text).toMatch(/The old key keeps working until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
      expect(mail.text).toContain(`/settings/api-keys/${rotated.key.id}`);
      expectNoSecret(mail.raw, secret, rotated.secret);
      expectNoSecret(mail.text, secret, rotated.secret);
    }
  });

  it("keeps mail whose delivery failed, to try again later, and the change itself stands", async () => {
    const team = await aProject("Down Co");
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens on the discard port
    try {
      const { key } = await aKey(team.ctx, team.project.id, "support", { name: "While SMTP is down" });
      await deliverPending();
      expect(await db().apiKey.count({ where: { id: key.id } })).toBe(1);
      const [row] = await db().mail.findMany({ where: { recipient: team.email } });
      expect(row).toMatchObject({ sentAt: null, attempts: 1 });
      expect(row.lastError).toBeTruthy();
    } finally {
      process.env.SMTP_URL = smtp.url;
    }
    expect(await deliveredTo([team.email], /While SMTP is down/)).toHaveLength(0); // backing off
    setClockOffsetForTests(3 * 60_000);
    const mails = await deliveredTo([team.email], /While SMTP is down/);
    expect(mails).toHaveLength(1);
  });
});
