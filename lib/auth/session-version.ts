import "server-only";
import { db, type Tx } from "@/lib/db";

// Sessions are stateless JWTs; what ends them is `User.sessionVersion` (SPEC §13). Each token
// carries the version current when it was issued and `currentUser()` compares it with the
// database on every request, so bumping the version ends every session of that user on every
// instance at once: sign-out, password change or reset, "Sign out everywhere".

/** The claim in the session token that holds the version. */
export const VERSION_CLAIM = "sv";

export async function sessionVersionOf(userId: string): Promise<number | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Ends every session of the user; returns the new version. */
export async function endAllSessions(userId: string, tx: Tx = db()): Promise<number> {
  const user = await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
  return user.sessionVersion;
}

/**
 * Sign-out: ends every session of the token's user, but only while the token is current, so a
 * token that has already been ended (a replayed, stolen cookie) cannot end the newer sessions.
 */
export async function endSessionsOfToken(token: Record<string, unknown> | null | undefined): Promise<void> {
  const version = token?.[VERSION_CLAIM];
  if (typeof token?.sub !== "string" || typeof version !== "number") return;
  await db().user.updateMany({ where: { id: token.sub, sessionVersion: version }, data: { sessionVersion: { increment: 1 } } });
}
