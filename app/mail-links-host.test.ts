import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { startSmtpServer } from "@/lib/testing/smtp";

// Links in e-mail come from the configured public URL (LATCHKEY_URL), never from the request: a
// forged Host or X-Forwarded-Host must not put an attacker's address in a reset, invite or sign-up link.

const PUBLIC_URL = "https://latchkey.example.test";
const FORGED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" };

let ip = 10;
vi.mock("next/headers", () => ({ headers: async () => new Headers({ ...FORGED, "x-forwarded-for": `198.51.100.${ip++}`, "user-agent": "vitest" }) }));
// The reset mail is sent after the answer; the test waits for it.
const afterAnswer: Promise<unknown>[] = [];
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (task: () => Promise<unknown>) => void afterAnswer.push(task()) }));

const { signUpAction } = await import("@/app/(auth)/signup/actions");
const { requestPasswordResetAction } = await import("@/app/(auth)/forgot-password/actions");
const { POST: addMember } = await import("@/app/api/v1/admin/members/route");

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};
const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString("hex")}@example.com`;
const linksIn = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];
const lastMailTo = async (recipient: string) => (await db().mail.findFirstOrThrow({ where: { recipient }, orderBy: { createdAt: "desc" } })).body;

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const saved = { LATCHKEY_URL: process.env.LATCHKEY_URL, SMTP_URL: process.env.SMTP_URL };
beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.LATCHKEY_URL = PUBLIC_URL;
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await smtp.close();
});

function expectOnlyPublicLinks(text: string, path: string) {
  expect(text).not.toContain("evil.example");
  expect(linksIn(text).some((link) => link.startsWith(`${PUBLIC_URL}${path}`))).toBe(true);
  for (const link of linksIn(text)) expect(link.startsWith(`${PUBLIC_URL}/`)).toBe(true);
}

describe("e-mail links under a forged Host header", () => {
  it("an invitation through the admin API links to the public URL", async () => {
    const { ctx, project } = await aProject();
    const { secret } = await aKey(ctx, project.id, "admin");
    const invited = uniqueEmail("invitee");
    const res = await addMember(
      new Request("https://evil.example/api/v1/admin/members", {
        method: "POST",
        headers: { ...FORGED, authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.77" },
        body: JSON.stringify({ email: invited, role: "viewer" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(201);
    expectOnlyPublicLinks(await lastMailTo(invited), "/invite/");
  });

  it("a sign-up's verification link points to the public URL", async () => {
    await aProject(); // not the server's first account, which is created without a mail
    const email = uniqueEmail("signer");
    const result = await signUpAction(null, form({ name: "Sig Ner", email, password: "quartz ladder emerald 7 orbit", projectName: "Forged Host" }));
    expect(result).toMatchObject({ ok: true, data: { kind: "check_inbox" } });
    expectOnlyPublicLinks(await lastMailTo(email), "/signup/verify#");
  });

  it("a password reset link points to the public URL", async () => {
    const { email } = await aProject();
    expect(await requestPasswordResetAction(null, form({ email }))).toEqual({ ok: true, data: { requested: true } });
    await Promise.all(afterAnswer);
    const mail = smtp.received.filter((m) => m.to.includes(email)).at(-1);
    expect(mail, "the reset mail").toBeDefined();
    expectOnlyPublicLinks(mail!.text, "/reset-password/");
  });
});
