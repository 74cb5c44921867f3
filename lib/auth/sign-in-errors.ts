// What the app's sign-in error page (next-auth's pages.error) says for the `error` in its URL.
// The URL is anyone's to write, so it is never shown as it stands: next-auth's codes map to
// sentences, our own refusal is shown only when it has our exact shape, and anything else gets a
// general sentence.

const BY_CODE: Record<string, string> = {
  CredentialsSignin: "The email or password is not correct.",
  SessionRequired: "Sign in to see this page.",
  AccessDenied: "You cannot sign in with this account.",
  Configuration: "Signing in is not set up correctly on this server. Ask its operator.",
};
const OUR_REFUSALS = [/^Too many sign-in attempts\. Try again in \d{1,4} (seconds?|minutes)\.$/, /^Too many wrong codes\. Try again in \d{1,4} (seconds?|minutes)\.$/];
export const GENERAL_SIGN_IN_ERROR = "Signing in did not work. Please try again.";

export function signInErrorMessage(error: string | string[] | undefined): string {
  const value = Array.isArray(error) ? error[0] : error;
  if (!value) return GENERAL_SIGN_IN_ERROR;
  if (Object.hasOwn(BY_CODE, value)) return BY_CODE[value];
  return OUR_REFUSALS.some((pattern) => pattern.test(value)) ? value : GENERAL_SIGN_IN_ERROR;
}
