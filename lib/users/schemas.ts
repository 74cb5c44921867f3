import { z } from "zod";
import { EMAIL_PATTERN, nameField } from "@/lib/validation";
import { passwordWeakness } from "./password-strength";

export const emailField = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email({ pattern: EMAIL_PATTERN, error: "Enter a valid email address." }));

// bcrypt reads at most 72 bytes; a longer password would be silently truncated, so refuse it.
// One message per password, the first rule it breaks; the strength estimate says why (SPEC §13).
export const passwordField = z.string({ error: "Password is required." }).superRefine((p, ctx) => {
  if (p.length < 8) ctx.addIssue({ code: "custom", message: "Password must be at least 8 characters." });
  else if (Buffer.byteLength(p, "utf8") > 72) ctx.addIssue({ code: "custom", message: "Password must be at most 72 bytes." });
  else {
    const weakness = passwordWeakness(p);
    if (weakness) ctx.addIssue({ code: "custom", message: weakness });
  }
});

/** Refuses (under `password`) a password that contains the e-mail or the name given with it. */
export function notPersonal(input: { email: string; name: string; password: string }, ctx: z.RefinementCtx) {
  const weakness = passwordWeakness(input.password, input);
  if (weakness) ctx.addIssue({ code: "custom", message: weakness, path: ["password"] });
}

export const signUpSchema = z
  .object({
    name: nameField("Name", 100),
    email: emailField,
    password: passwordField,
    projectName: nameField("Project name", 100),
  })
  .superRefine(notPersonal);
export type SignUpInput = z.infer<typeof signUpSchema>;
