"use server";
import { z } from "zod";
import { userAction } from "@/lib/auth/project-action";
import { dropThisSession, keepThisSession } from "@/lib/auth/session";
import { endAllSessions } from "@/lib/auth/session-version";
import { changePasswordSchema } from "@/lib/users/password-schemas";
import { changePassword } from "@/lib/users/passwords";

// The Account page's actions: the signed-in person's own account, no project.

/** Ends every other session; this browser gets a token of the new version and stays signed in. */
export const changePasswordAction = userAction(changePasswordSchema, async (input, { user, audit }) => {
  const sessionVersion = await changePassword(user.id, input, audit.meta);
  await keepThisSession(user.id, sessionVersion);
  return { changed: true };
});

export const signOutEverywhereAction = userAction(z.object({}), async (_input, { user }) => {
  await endAllSessions(user.id);
  await dropThisSession();
  return { signedOut: true };
});
