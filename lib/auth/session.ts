import "server-only";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import type { RequestMeta } from "@/lib/audit/record";
import { clientIp } from "@/lib/api/client-ip";
import { authOptions } from "./options";
import { VERSION_CLAIM } from "./session-version";

export type SessionUser = { id: string; email: string; name: string };

/** The signed-in user, re-read from the database so a deleted account is signed out at once. */
export async function currentUser(): Promise<SessionUser | null> {
  return userOfSession(await getServerSession(authOptions));
}

/**
 * The user a next-auth session (what `getServerSession` returns) belongs to, or null, also when
 * the session's version is no longer the user's: it was ended by a sign-out, a password change
 * or reset, or "Sign out everywhere" (SPEC §13). A database read, so it holds on every instance.
 */
export async function userOfSession(session: unknown): Promise<SessionUser | null> {
  const { user: claimed, sessionVersion } = (session ?? {}) as { user?: { id?: unknown }; sessionVersion?: unknown };
  if (typeof claimed?.id !== "string" || typeof sessionVersion !== "number") return null;
  const user = await db().user.findUnique({ where: { id: claimed.id }, select: { id: true, email: true, name: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name };
}

export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get("user-agent") };
}

// next-auth's session cookie: "__Secure-" in front when the public URL is https, as next-auth does.
function sessionCookie() {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure } };
}

/**
 * The session token `raw` re-issued at `sessionVersion`, for the user's own session after it
 * ended all the others; null unless `raw` is `userId`'s token of the version just before.
 */
export async function reissuedSessionToken(raw: string, userId: string, sessionVersion: number): Promise<string | null> {
  const secret = process.env.NEXTAUTH_SECRET ?? "";
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token || token.sub !== userId || token[VERSION_CLAIM] !== sessionVersion - 1) return null;
  return encode({ token: { ...token, [VERSION_CLAIM]: sessionVersion }, secret, maxAge: authOptions.session?.maxAge });
}

/** In a server action: keeps the caller signed in after their password change ended every session. */
export async function keepThisSession(userId: string, sessionVersion: number): Promise<void> {
  const jar = await cookies();
  const { name, options } = sessionCookie();
  const raw = jar.get(name)?.value;
  const fresh = raw ? await reissuedSessionToken(raw, userId, sessionVersion) : null;
  if (fresh) jar.set(name, fresh, { ...options, maxAge: authOptions.session?.maxAge });
}

/** In a server action: drops this browser's (already ended) session cookie. */
export async function dropThisSession(): Promise<void> {
  (await cookies()).delete(sessionCookie().name);
}
