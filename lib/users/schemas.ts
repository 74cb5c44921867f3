import { z } from "zod";
import { nameField } from "@/lib/validation";

export const emailField = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

// bcrypt reads at most 72 bytes; a longer password would be silently truncated, so refuse it.
export const passwordField = z
  .string({ error: "Password is required." })
  .min(8, "Password must be at least 8 characters.")
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "Password must be at most 72 bytes.");

export const signUpSchema = z.object({
  name: nameField("Name", 100),
  email: emailField,
  password: passwordField,
  projectName: nameField("Project name", 100),
});
export type SignUpInput = z.infer<typeof signUpSchema>;
