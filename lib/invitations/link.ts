import "server-only";
import { now } from "@/lib/clock";
import { appUrl } from "@/lib/mail/templates";
import { INVITATION_LIFETIME_MS, inviteToken, newTokenNonce, type SignedFields } from "./token";

/** A new nonce and expiry: for a new invitation, and on "Resend" (which makes older links fail). */
export const freshLinkFields = () => ({ tokenNonce: newTokenNonce(), expiresAt: new Date(now().getTime() + INVITATION_LIFETIME_MS) });

export const inviteUrl = (fields: SignedFields): string => `${appUrl()}/invite/${inviteToken(fields)}`;
