import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { reauthenticationRequired, SUDO_WINDOW_MS, signSudoToken, sudoTokenIsFresh } from "./sudo-token";

// Sudo mode: sensitive acts (revealing a secret key, the reveal policy, owners, the project's
// two-factor requirement, turning one's own two-factor off or setting it up) need a
// re-authentication within the last 10 minutes. One check, `requireFreshAuth`, used by each;
// its refusal is a typed "reauthentication_required" that the dashboard turns into "Confirm
// it's you" and a retry.

const secure = () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
// __Host- pins the cookie to this host and path "/", but browsers accept it only with Secure.
export const sudoCookieName = () => (secure() ? "__Host-latchkey.sudo" : "latchkey.sudo");

/** Whether `token` proves a re-authentication of this user within the window (reads their session version). */
export async function tokenIsFresh(token: string | undefined, userId: string): Promise<boolean> {
  if (!token) return false;
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user !== null && sudoTokenIsFresh(token, { userId, sessionVersion: user.sessionVersion }, now());
}

export async function hasFreshAuth(userId: string): Promise<boolean> {
  const jar = await cookies();
  return tokenIsFresh(jar.get(sudoCookieName())?.value, userId);
}

export async function requireFreshAuth(userId: string): Promise<void> {
  if (!(await hasFreshAuth(userId))) throw reauthenticationRequired();
}

/** After the password or a code was checked: sudo mode for the next 10 minutes. */
export async function startSudo(userId: string): Promise<void> {
  const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const jar = await cookies();
  jar.set(sudoCookieName(), signSudoToken({ userId, sessionVersion }, now()), {
    httpOnly: true,
    sameSite: "lax",
    secure: secure(),
    path: "/",
    maxAge: SUDO_WINDOW_MS / 1000,
  });
}
