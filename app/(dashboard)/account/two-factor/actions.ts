"use server";
import { z } from "zod";
import { userAction } from "@/lib/auth/project-action";
import { requireFreshAuth } from "@/lib/auth/sudo";
import { totpCodeSchema } from "@/lib/two-factor/schemas";
import { qrCodeDataUrl } from "@/lib/two-factor/qr";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes } from "@/lib/two-factor/service";

// Two-factor sign-in for the signed-in user. Setting it up, new recovery codes and turning it off
// need sudo mode: a stolen session alone must not be able to put its own authenticator on the
// account (locking its owner out) or take two-factor away.

const none = z.object({});

/** A new pending secret, shown once: as a QR code drawn here, and as text for manual entry. */
export const beginEnrolmentAction = userAction(none, async (_input, { user }) => {
  await requireFreshAuth(user.id);
  const { secret, uri } = await beginEnrolment(user.id);
  return { secret, qrCode: await qrCodeDataUrl(uri) };
});

export const confirmEnrolmentAction = userAction(totpCodeSchema, async ({ code }, { user }) => confirmEnrolment(user.id, code));

export const regenerateRecoveryCodesAction = userAction(none, async (_input, { user }) => {
  await requireFreshAuth(user.id);
  return regenerateRecoveryCodes(user.id);
});

export const disableTwoFactorAction = userAction(none, async (_input, { user }) => {
  await requireFreshAuth(user.id);
  return disableTwoFactor(user.id);
});
