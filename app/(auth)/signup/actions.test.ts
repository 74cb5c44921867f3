import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { SIGN_UP_MAILS_PER_ADDRESS_PER_HOUR } from "@/lib/users/sign-up-requests";

// The sign-up actions as a browser (or an attacker) calls them: public POST endpoints.
vi.mock("@/lib/auth/session", () => ({ requestMeta: async () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" }) }));

const { signUpAction, finishSignUpAction } = await import("./actions");

const PASSWORD = "quartz ladder emerald 7 orbit";
const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString("hex")}@example.com`;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};
const signUpForm = (email: string, extra: Record<string, string> = {}) => form({ name: "Grace Hopper", email, password: PASSWORD, projectName: "Compiler Works", ...extra });
const mailTo = (recipient: string) => db().mail.findMany({ where: { recipient }, orderBy: { createdAt: "asc" } });
const linkToken = (body: string) => /\/signup\/verify#(\S+)/.exec(body)?.[1] ?? null;

let existingEmail: string;

beforeAll(async () => {
  // The server's first account is created at once: there is nothing to reveal and maybe no e-mail yet.
  existingEmail = uniqueEmail("first");
  const first = await signUpAction(null, signUpForm(existingEmail));
  expect(first).toMatchObject({ ok: true, data: { kind: "created" } });
  expect(await db().user.count({ where: { email: existingEmail } })).toBe(1);
});

describe("self sign-up", () => {
  it("answers the same for an e-mail that has an account and one that has none, and creates nothing yet", async () => {
    const users = await db().user.count();
    const fresh = uniqueEmail("fresh");
    const forExisting = await signUpAction(null, signUpForm(existingEmail));
    const forFresh = await signUpAction(null, signUpForm(fresh));
    expect(forExisting).toEqual({ ok: true, data: { kind: "check_inbox", email: existingEmail } });
    expect(forFresh).toEqual({ ok: true, data: { kind: "check_inbox", email: fresh } });
    expect(await db().user.count()).toBe(users);

    // The inbox tells them apart: a link for the new address, advice for the existing account.
    const [existingMail] = (await mailTo(existingEmail)).slice(-1);
    const [freshMail] = await mailTo(fresh);
    expect(linkToken(existingMail.body)).toBeNull();
    expect(existingMail.body).toContain("already has one");
    expect(linkToken(freshMail.body)).not.toBeNull();
  });

  it("puts no text the signer typed into the e-mail, and never the password", async () => {
    const email = uniqueEmail("lure");
    const lure = "Security alert: verify at https://evil.example/login now";
    await signUpAction(null, signUpForm(email, { name: lure, projectName: lure }));
    await signUpAction(null, signUpForm(existingEmail, { name: lure, projectName: lure }));
    for (const mail of [...(await mailTo(email)), ...(await mailTo(existingEmail))]) {
      expect(`${mail.subject}\n${mail.body}`).not.toContain("evil.example");
      expect(`${mail.subject}\n${mail.body}`).not.toContain(PASSWORD);
    }
  });

  it("creates the account and its project from the link and the chosen password, once", async () => {
    const email = uniqueEmail("linked");
    await signUpAction(null, signUpForm(email));
    const token = linkToken((await mailTo(email))[0].body)!;

    const wrong = await finishSignUpAction(null, form({ token, password: `${PASSWORD}!` }));
    expect(wrong).toMatchObject({ ok: false, error: { code: "validation_failed", fieldErrors: { password: [expect.any(String)] } } });
    expect(await db().user.count({ where: { email } })).toBe(0);

    const done = await finishSignUpAction(null, form({ token, password: PASSWORD }));
    expect(done).toMatchObject({ ok: true, data: { email, projectSlug: expect.stringMatching(/^compiler-works/) } });
    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user.memberships).toEqual([expect.objectContaining({ role: "owner" })]);

    const again = await finishSignUpAction(null, form({ token, password: PASSWORD }));
    expect(again).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringContaining("already used") } });
    expect(await db().project.count({ where: { memberships: { some: { userId: user.id } } } })).toBe(1);
  });

  it("refuses a forged, truncated or expired link and changes nothing", async () => {
    const email = uniqueEmail("expiring");
    await signUpAction(null, signUpForm(email));
    const token = linkToken((await mailTo(email))[0].body)!;
    const users = await db().user.count();

    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const bad of [tampered, token.slice(0, 40), "v1.x.y.z", "x".repeat(5000)]) {
      const answer = await finishSignUpAction(null, form({ token: bad, password: PASSWORD }));
      expect(answer.ok).toBe(false);
    }
    setClockOffsetForTests(25 * 3600_000);
    try {
      const expired = await finishSignUpAction(null, form({ token, password: PASSWORD }));
      expect(expired).toMatchObject({ ok: false, error: { message: expect.stringContaining("expired") } });
    } finally {
      setClockOffsetForTests(0);
    }
    expect(await db().user.count()).toBe(users);
  });

  it(`sends at most ${SIGN_UP_MAILS_PER_ADDRESS_PER_HOUR} sign-up e-mails to one address an hour, with the same answer`, async () => {
    const email = uniqueEmail("flooded");
    for (let i = 0; i < SIGN_UP_MAILS_PER_ADDRESS_PER_HOUR + 3; i++) {
      expect(await signUpAction(null, signUpForm(email))).toEqual({ ok: true, data: { kind: "check_inbox", email } });
    }
    expect(await mailTo(email)).toHaveLength(SIGN_UP_MAILS_PER_ADDRESS_PER_HOUR);
  });

  it("refuses bad input with field errors before anything is written", async () => {
    const mails = await db().mail.count();
    const answer = await signUpAction(null, form({ name: "", email: "not-an-email", password: "x", projectName: " " }));
    expect(answer).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    if (!answer.ok) expect(Object.keys(answer.error.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "projectName"]);
    expect(await db().mail.count()).toBe(mails);
  });
});
