"use server";
import { userAction } from "@/lib/auth/project-action";
import { requestMeta } from "@/lib/auth/session";
import { failure, formToObject, resultOf, type ActionResult } from "@/lib/action-result";
import { acceptInvitationSchema, inviteSignUpSchema } from "@/lib/invitations/schemas";
import { acceptInvitation, INVALID_LINK, signUpFromInvitation } from "@/lib/invitations/service";

// The two ways through an invite link (SPEC §13). The link itself is the authority: the service
// checks its signature, expiry and e-mail before anything is written.

/** Signed in as the invited e-mail: join. */
export const acceptInvitationAction = userAction(acceptInvitationSchema, async (input, { user, audit }) => acceptInvitation(input.token, user, audit.meta));

/**
 * No account yet: make one for the invited e-mail and join. Needs no sign-up limiter: each link
 * makes at most one account, links are capped per inviter and hour, and a forged one costs an
 * HMAC and one indexed read before any password is hashed.
 */
export async function inviteSignUpAction(_previous: unknown, form: FormData): Promise<ActionResult<{ projectSlug: string; email: string }>> {
  try {
    const values = formToObject(form);
    if (!acceptInvitationSchema.safeParse(values).success) return failure("not_found", INVALID_LINK);
    const input = inviteSignUpSchema.parse(values);
    const { projectSlug, email } = await signUpFromInvitation(input, await requestMeta());
    return { ok: true, data: { projectSlug, email } };
  } catch (error) {
    return resultOf(error);
  }
}
