import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";

// Finding #2's second half: /dev/mailbox showed anyone the mail sent to the address they had
// signed up with, so claiming an address looked like owning it. It is a development tool now,
// off unless LATCHKEY_DEV_MAILBOX=1. Mail is written to the outbox either way.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => session.user }));

const { default: MailboxPage } = await import("./page");

/** What Next.js's notFound() throws: its digest names the 404. */
async function outcome(): Promise<"not found" | "page"> {
  try {
    await MailboxPage();
    return "page";
  } catch (error) {
    if (String((error as { digest?: string }).digest ?? "").includes("404")) return "not found";
    throw error;
  }
}

beforeEach(async () => {
  const email = `mailbox-${Date.now()}@example.com`;
  const user = await db().user.create({ data: { email, name: "M", passwordHash: "x" } });
  await db().mail.create({ data: { recipient: email, subject: "Hello", body: "Hi" } });
  session.user = { id: user.id, email, name: "M" };
});
afterEach(() => {
  delete process.env.LATCHKEY_DEV_MAILBOX;
  delete process.env.SMTP_URL;
});

describe("/dev/mailbox", () => {
  it("is not found unless LATCHKEY_DEV_MAILBOX=1, even for a signed-in person with mail", async () => {
    for (const value of [undefined, "", "0", "true", "yes"]) {
      if (value === undefined) delete process.env.LATCHKEY_DEV_MAILBOX;
      else process.env.LATCHKEY_DEV_MAILBOX = value;
      expect(await outcome(), `LATCHKEY_DEV_MAILBOX=${value}`).toBe("not found");
    }
  });

  it("shows the signed-in person's mail when LATCHKEY_DEV_MAILBOX=1 and no SMTP server is set", async () => {
    process.env.LATCHKEY_DEV_MAILBOX = "1";
    expect(await outcome()).toBe("page");
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    expect(await outcome()).toBe("not found");
  });
});
