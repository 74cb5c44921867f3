import { z } from "zod";

export const requireTwoFactorSchema = z.object({ requireTwoFactor: z.enum(["on", "off"]).transform((v) => v === "on") });

/** A 6-digit code from the app; spaces as some apps show them ("123 456") are fine. */
export const totpCodeSchema = z.object({
  code: z
    .string()
    .max(64, "Enter the 6-digit code from your authenticator app.")
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.")),
});
