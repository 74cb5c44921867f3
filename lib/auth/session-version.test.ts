import { describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { aProject, meta } from "@/lib/testing/fixtures";
import { AuthClient } from "@/lib/testing/auth-client";
import { changePassword, resetPasswordByOperator } from "@/lib/users/passwords";
import { resetPassword } from "@/lib/users/password-reset";
import { reissuedSessionToken, userOfSession } from "./session";
import { endAllSessions } from "./session-version";

// The whole jwt path: next-auth's real handler signs in (jwt callback), answers the session
// (session callback) and signs out (events.signOut); userOfSession is what currentUser() does
// with what getServerSession returns.

const PASSWORD = "correct horse battery";
const NEW = "orbit-velvet-quarry-42";

async function signedIn(ip?: string) {
  const owner = await aProject();
  const browser = new AuthClient(ip);
  expect(await browser.signIn(owner.email, PASSWORD)).toBe(true);
  expect(await userOfSession(await browser.session())).toMatchObject({ id: owner.userId });
  return { owner, browser };
}

describe("session version (security review #7)", () => {
  it("refuses a stolen session cookie replayed after its owner signed out", async () => {
    const { browser } = await signedIn();
    const thief = browser.clone();
    await browser.signOut();
    expect(browser.sessionCookie()).toBeUndefined();
    expect(await userOfSession(await thief.session())).toBeNull();
  });
});

describe("what ends a session", () => {
  it("a password change ends the other sessions, and the changer's own token can be re-issued to stay signed in", async () => {
    const { owner, browser } = await signedIn();
    const other = new AuthClient("192.0.2.11");
    expect(await other.signIn(owner.email, PASSWORD)).toBe(true);
    const version = await changePassword(owner.userId, { currentPassword: PASSWORD, newPassword: NEW }, meta);
    expect(await userOfSession(await other.session())).toBeNull();
    expect(await userOfSession(await browser.session())).toBeNull();

    const renewed = await reissuedSessionToken(browser.sessionCookie()!, owner.userId, version);
    browser.cookies["next-auth.session-token"] = renewed!;
    expect(await userOfSession(await browser.session())).toMatchObject({ id: owner.userId });
    // Only the token of the version just ended, of this user, is re-issued: not an older, stolen one.
    expect(await reissuedSessionToken(other.sessionCookie()!, "someone-else", version)).toBeNull();
    await endAllSessions(owner.userId);
    expect(await reissuedSessionToken(other.sessionCookie()!, owner.userId, version + 1)).toBeNull();
  });

  it("a reset through an e-mailed link ends every session", async () => {
    const { owner, browser } = await signedIn();
    const token = randomBytes(32).toString("base64url");
    await db().passwordReset.create({ data: { userId: owner.userId, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 60_000) } });
    await resetPassword(token, NEW);
    expect(await userOfSession(await browser.session())).toBeNull();
    expect(await new AuthClient().signIn(owner.email, NEW)).toBe(true);
  });

  it("an operator's reset ends every session", async () => {
    const { owner, browser } = await signedIn();
    await resetPasswordByOperator(owner.email, NEW);
    expect(await userOfSession(await browser.session())).toBeNull();
  });

  it("'Sign out everywhere' ends every session, and a new sign-in works", async () => {
    const { owner, browser } = await signedIn();
    const phone = new AuthClient("192.0.2.12");
    await phone.signIn(owner.email, PASSWORD);
    await endAllSessions(owner.userId);
    expect(await userOfSession(await browser.session())).toBeNull();
    expect(await userOfSession(await phone.session())).toBeNull();
    const again = new AuthClient();
    expect(await again.signIn(owner.email, PASSWORD)).toBe(true);
    expect(await userOfSession(await again.session())).toMatchObject({ id: owner.userId });
  });

  it("a stolen, already ended token that signs out does not end the newer sessions", async () => {
    const { owner, browser } = await signedIn();
    const thief = browser.clone();
    await browser.signOut();
    const fresh = new AuthClient();
    await fresh.signIn(owner.email, PASSWORD);
    await thief.signOut();
    expect(await userOfSession(await fresh.session())).toMatchObject({ id: owner.userId });
  });

  it("refuses a token without a session version (issued before versions existed) or with a forged one", async () => {
    const { owner, browser } = await signedIn();
    const session = (await browser.session()) as { user: { id: string }; sessionVersion: number };
    expect(await userOfSession({ ...session, sessionVersion: undefined })).toBeNull();
    expect(await userOfSession({ ...session, sessionVersion: String(session.sessionVersion) })).toBeNull();
    expect(await userOfSession({ ...session, sessionVersion: session.sessionVersion + 1 })).toBeNull();
    expect(await userOfSession({ ...session, user: { id: owner.userId } })).toMatchObject({ id: owner.userId });
  });
});

describe("a sign-in racing a password change", () => {
  it("mints its session at the version read with the password it checked, so the change still ends it", async () => {
    const { authOptions } = await import("./options");
    const owner = await aProject();
    // What checkPassword read while the old password was current (version 0) ...
    const checked = { id: owner.userId, email: owner.email, name: "Owner", sessionVersion: 0 };
    // ... and the password change that lands while bcrypt and the second factor run.
    await endAllSessions(owner.userId);
    const token = await authOptions.callbacks!.jwt!({ token: { sub: owner.userId }, user: checked, account: null, trigger: "signIn" } as never);
    expect(token.sv).toBe(0);
    expect(await userOfSession({ user: { id: owner.userId }, sessionVersion: token.sv } as never)).toBeNull();
  });
});
