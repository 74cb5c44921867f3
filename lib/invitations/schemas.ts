import { z } from "zod";
import { nameField } from "@/lib/validation";
import { passwordField } from "@/lib/users/schemas";

// The token is checked for shape here and for its signature by the service; the e-mail of an
// account made from a link is always the invited one, never a form field.
export const inviteTokenField = z.string().min(1).max(200);

export const acceptInvitationSchema = z.object({ token: inviteTokenField });

export const inviteSignUpSchema = z.object({
  token: inviteTokenField,
  name: nameField("Name", 100),
  password: passwordField,
});
export type InviteSignUpInput = z.infer<typeof inviteSignUpSchema>;
