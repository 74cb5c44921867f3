// Shared by `authorize` and the login form (no server imports): next-auth passes what authorize
// throws to the form as `error`, and this one means "the password was right; now the code".
export const TWO_FACTOR_NEEDED = "two-factor-code-needed";
export const WRONG_SECOND_FACTOR = "That code is not right, or it was used already.";
