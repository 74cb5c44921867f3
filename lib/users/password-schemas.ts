import { z } from "zod";
import { emailField, passwordField } from "./schemas";

// The forms of the Account page, /forgot-password and /reset-password (SPEC §13).

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024, "That password is not right."),
  newPassword: passwordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const forgotPasswordSchema = z.object({ email: emailField });

// A malformed token is the same "invalid link" as an unknown one, said by the service.
export const resetPasswordSchema = z.object({ token: z.string().max(100).catch(""), password: passwordField });
