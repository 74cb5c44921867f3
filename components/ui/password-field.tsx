import { TextField } from "./text-field";

/** What every form that sets a password says about it (the rules are lib/users/schemas.ts). */
export const NEW_PASSWORD_HINT = "At least 8 characters, hard to guess, without your name or e-mail address.";

type Props = { label: string; hint?: string; errors?: string[]; autoComplete: "new-password" | "current-password"; id?: string; name?: string };

/** A labelled password input with its hint and errors, as every password form uses it. */
export function PasswordField({ label, hint, errors, autoComplete, id = "password", name = id }: Props) {
  return <TextField id={id} name={name} label={label} hint={hint} errors={errors} type="password" autoComplete={autoComplete} required />;
}
