import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { aProject } from "@/lib/testing/fixtures";
import { codeIn, enrol, pinClockToStepStart, STEP_MS } from "@/lib/testing/two-factor";
import type { SessionUser } from "./session";

// A cookie jar standing in for the request's (next/headers): what startSudo sets, hasFreshAuth reads.
const jar = vi.hoisted(() => new Map<string, { value: string; options: Record<string, unknown> }>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => jar.set(name, { value, options }),
  }),
}));

const { hasFreshAuth, requireFreshAuth, startSudo, sudoCookieName, tokenIsFresh } = await import("./sudo");
const { confirmIdentity } = await import("./confirm-identity");
const { signSudoToken, sudoTokenIsFresh, SUDO_WINDOW_MS } = await import("./sudo-token");

const MINUTE = 60_000;
let moveClock: (steps: number) => void;
beforeEach(() => {
  jar.clear();
  moveClock = pinClockToStepStart();
});
afterEach(() => setClockOffsetForTests(0));

async function aUser(): Promise<SessionUser & { ctx: Awaited<ReturnType<typeof aProject>>["ctx"] }> {
  const { userId, email, ctx } = await aProject("Sudo Co");
  return { id: userId, email, name: "Owner", ctx };
}
const sudoCookie = () => jar.get(sudoCookieName())?.value;
const meta = (ip: string) => ({ ip, userAgent: "vitest" });

describe("sudo mode", () => {
  it("is fresh right after a re-authentication and stale after 10 minutes", async () => {
    const user = await aUser();
    expect(await hasFreshAuth(user.id)).toBe(false);
    await expect(requireFreshAuth(user.id)).rejects.toMatchObject({ code: "reauthentication_required" });
    await startSudo(user.id);
    expect(jar.get(sudoCookieName())?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", maxAge: 600 });
    expect(await hasFreshAuth(user.id)).toBe(true);
    await expect(requireFreshAuth(user.id)).resolves.toBeUndefined();
    moveClock((9 * MINUTE) / STEP_MS);
    expect(await hasFreshAuth(user.id)).toBe(true);
    moveClock((10.5 * MINUTE) / STEP_MS);
    expect(await hasFreshAuth(user.id)).toBe(false);
  });

  it("does not accept another user's cookie", async () => {
    const alice = await aUser();
    const bob = await aUser();
    await startSudo(alice.id);
    expect(await hasFreshAuth(alice.id)).toBe(true);
    expect(await hasFreshAuth(bob.id)).toBe(false);
  });

  it("ends when the session version is bumped (sign-out, password change, sign out everywhere)", async () => {
    const user = await aUser();
    await startSudo(user.id);
    const token = sudoCookie();
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await tokenIsFresh(token, user.id)).toBe(false);
  });

  it("refuses a forged, edited or malformed token", async () => {
    const user = await aUser();
    const claim = { userId: user.id, sessionVersion: 0 };
    const at = new Date();
    const good = signSudoToken(claim, at);
    expect(sudoTokenIsFresh(good, claim, at)).toBe(true);
    expect(sudoTokenIsFresh(signSudoToken(claim, at, "another-secret-of-at-least-32-characters!!"), claim, at)).toBe(false);
    const [v, id, version, issued, mac] = good.split(".");
    expect(sudoTokenIsFresh([v, id, version, String(Number(issued) + SUDO_WINDOW_MS), mac].join("."), claim, at)).toBe(false);
    for (const bad of [undefined, "", "v1", `${good}x`, good.replace("v1.", "v2."), "x".repeat(600)]) expect(sudoTokenIsFresh(bad, claim, at)).toBe(false);
  });
});

describe("confirming it's you", () => {
  it("takes the password when two-factor is off, and starts sudo mode", async () => {
    const user = await aUser();
    await expect(confirmIdentity(user, { password: "not it", code: "" }, meta("192.0.2.10"))).rejects.toMatchObject({ code: "validation_failed", field: "password" });
    expect(await hasFreshAuth(user.id)).toBe(false);
    await expect(confirmIdentity(user, { password: "", code: "" }, meta("192.0.2.10"))).rejects.toMatchObject({ field: "password" });
    await confirmIdentity(user, { password: "correct horse battery", code: "" }, meta("192.0.2.10"));
    expect(await hasFreshAuth(user.id)).toBe(true);
  });

  it("takes a two-factor code (once) instead of the password when two-factor is on", async () => {
    const user = await aUser();
    const { secret, recoveryCodes } = await enrol(user.id);
    await expect(confirmIdentity(user, { password: "correct horse battery", code: "" }, meta("192.0.2.11"))).rejects.toMatchObject({ field: "code" });
    const code = codeIn(secret, 1);
    await confirmIdentity(user, { password: "", code }, meta("192.0.2.11"));
    expect(await hasFreshAuth(user.id)).toBe(true);
    jar.clear();
    await expect(confirmIdentity(user, { password: "", code }, meta("192.0.2.11"))).rejects.toMatchObject({ code: "validation_failed", field: "code" });
    expect(await hasFreshAuth(user.id)).toBe(false);
    moveClock(3);
    await confirmIdentity(user, { password: "", code: recoveryCodes[0] }, meta("192.0.2.11"));
    expect(await hasFreshAuth(user.id)).toBe(true);
  });

  it("counts failed re-authentications against the sign-in limits", async () => {
    const user = await aUser();
    const codes: string[] = [];
    for (let i = 0; i < 60 && codes.at(-1) !== "rate_limited"; i++) {
      codes.push(
        await confirmIdentity(user, { password: `guess ${i}`, code: "" }, meta("192.0.2.12")).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
    }
    expect(codes.at(-1)).toBe("rate_limited");
    expect(codes.slice(0, -1).every((c) => c === "validation_failed")).toBe(true);
    await expect(confirmIdentity(user, { password: "correct horse battery", code: "" }, meta("192.0.2.12"))).rejects.toMatchObject({ code: "rate_limited" });
    expect(await hasFreshAuth(user.id)).toBe(false);
  });
});
