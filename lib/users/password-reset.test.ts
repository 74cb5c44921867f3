import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { aProject, refusal } from "@/lib/testing/fixtures";
import { startSmtpServer } from "@/lib/testing/smtp";
import { deliverPending } from "@/lib/mail/outbox";
import { INVALID_RESET_LINK, requestPasswordReset, resetLinkIsLive, resetPassword } from "./password-reset";
import { checkPassword } from "./service";

const NEW = "orbit-velvet-quarry-42";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  await deliverPending(); // the "password changed" notices, before the server goes
  delete process.env.SMTP_URL;
  await smtp.close();
});
afterEach(() => setClockOffsetForTests(0));

/** Asks for a reset of `email` and returns the token from the link in the mail it got. */
async function linkFor(email: string): Promise<string> {
  await requestPasswordReset(email);
  const mail = smtp.received.filter((m) => m.to.includes(email)).at(-1);
  const match = mail?.text.match(/\/reset-password\/([A-Za-z0-9_-]{43})\s/);
  expect(match, "a reset link in the mail").toBeTruthy();
  return match![1];
}

const version = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

describe("password reset by e-mailed link", () => {
  it("mails a single-use link whose token is stored only as a hash, and using it sets the password and ends every session", async () => {
    const { userId, email } = await aProject();
    const token = await linkFor(email);
    const mail = smtp.received.filter((m) => m.to.includes(email)).at(-1)!;
    expect(mail.text).toMatch(/Subject: Reset your Latchkey password/);
    expect(mail.to).toEqual([email]);

    const stored = JSON.stringify(await db().passwordReset.findMany({ where: { userId } })) + JSON.stringify(await db().mail.findMany());
    expect(stored).not.toContain(token);
    expect(await resetLinkIsLive(token)).toBe(true);

    const before = await version(userId);
    await resetPassword(token, NEW);
    expect(await checkPassword(email, NEW)).toMatchObject({ id: userId });
    expect(await version(userId)).toBe(before + 1);
    expect(await resetLinkIsLive(token)).toBe(false);
  });

  it("refuses a link used twice, and lets only one of two simultaneous uses win", async () => {
    const { email } = await aProject();
    const token = await linkFor(email);
    const results = await Promise.allSettled([resetPassword(token, NEW), resetPassword(token, "gleaming-otter-harbour-9")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const error = await refusal(resetPassword(token, "another-fine-passphrase-7"));
    expect(error.message).toBe(INVALID_RESET_LINK);
  });

  it("refuses a link after an hour", async () => {
    const { email } = await aProject();
    const token = await linkFor(email);
    setClockOffsetForTests(59 * 60_000);
    expect(await resetLinkIsLive(token)).toBe(true);
    setClockOffsetForTests(60 * 60_000 + 1000);
    expect(await resetLinkIsLive(token)).toBe(false);
    expect((await refusal(resetPassword(token, NEW))).message).toBe(INVALID_RESET_LINK);
    setClockOffsetForTests(0);
    expect(await checkPassword(email, NEW)).toBeNull();
  });

  it("refuses a wrong, forged or malformed token and changes nothing", async () => {
    const { userId, email } = await aProject();
    const token = await linkFor(email);
    const before = await version(userId);
    for (const wrong of [randomBytes(32).toString("base64url"), `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, "", "x".repeat(5000), `${token}\u0000`]) {
      expect((await refusal(resetPassword(wrong, NEW))).message).toBe(INVALID_RESET_LINK);
    }
    expect(await version(userId)).toBe(before);
    expect(await resetLinkIsLive(token)).toBe(true);
  });

  it("keeps the link usable when the new password is refused as weak or personal", async () => {
    const { email } = await aProject();
    const token = await linkFor(email);
    expect((await refusal(resetPassword(token, "password"))).field).toBe("password");
    expect((await refusal(resetPassword(token, `${email}!`))).message).toMatch(/must not contain your e-mail/);
    await resetPassword(token, NEW);
  });

  it("for an unknown e-mail sends nothing and stores nothing, answering the same", async () => {
    const sent = smtp.received.length;
    const rows = await db().passwordReset.count();
    await expect(requestPasswordReset(`nobody-${randomBytes(3).toString("hex")}@example.com`)).resolves.toBeUndefined();
    expect(smtp.received.length).toBe(sent);
    expect(await db().passwordReset.count()).toBe(rows);
  });

  it("without SMTP_URL sends nothing and stores nothing", async () => {
    const { email } = await aProject();
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      await requestPasswordReset(email);
    } finally {
      process.env.SMTP_URL = url;
    }
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
    expect(await db().passwordReset.count({ where: { user: { email } } })).toBe(0);
  });
});
