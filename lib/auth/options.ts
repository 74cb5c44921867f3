import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { emailField } from "@/lib/users/schemas";
import { checkPassword } from "@/lib/users/service";
import { clientIp } from "@/lib/api/client-ip";
import { recordSuccessfulSignIn, takeSignInAttempt, tooManyCodes, tooManySignInAttempts } from "./sign-in-limits";
import { secondFactorOutcome } from "@/lib/two-factor/sign-in";
import { TWO_FACTOR_NEEDED, WRONG_SECOND_FACTOR } from "./two-factor-sign-in";
import { endSessionsOfToken, sessionVersionOf, VERSION_CLAIM } from "./session-version";

// next-auth shows the message of anything `authorize` throws to the person signing in, so only
// messages written for them are thrown; everything else is logged and becomes a generic refusal.
class SignInRefusal extends Error {}

async function authorize(credentials: Record<string, string> | undefined, headers: Record<string, unknown> | undefined) {
  const email = emailField.safeParse(credentials?.email);
  const password = credentials?.password;
  if (!email.success || typeof password !== "string" || password.length > 1024) return null;
  const ip = clientIp(new Headers(Object.entries(headers ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"))) ?? "unknown";
  const wait = await takeSignInAttempt(ip, email.data);
  if (wait > 0) throw new SignInRefusal(tooManySignInAttempts(wait));
  const user = await checkPassword(email.data, password);
  if (!user) return null;
  // Two-factor: the password alone does not sign in. A wrong code has cost an attempt above, like a wrong password.
  const second = await secondFactorOutcome(user.id, credentials?.code);
  if (second.result === "limited") throw new SignInRefusal(tooManyCodes(second.waitSeconds));
  if (second.result !== "passed") throw new SignInRefusal(second.result === "missing" ? TWO_FACTOR_NEEDED : WRONG_SECOND_FACTOR);
  await recordSuccessfulSignIn(ip, email.data);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  // The app's own sign-out and error pages: next-auth's have none of the security headers (review #15).
  pages: { signIn: "/login", signOut: "/sign-out", error: "/auth-error" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Authentication code", type: "text" } },
      async authorize(credentials, req) {
        try {
          return await authorize(credentials, req?.headers);
        } catch (error) {
          if (error instanceof SignInRefusal) throw error;
          console.error("sign-in failed:", error);
          throw new Error("Signing in is not possible right now. Please try again in a moment.");
        }
      },
    }),
  ],
  callbacks: {
    // Sessions (SPEC §13): the token carries the session version current at sign-in;
    // currentUser() compares it with the database on every request (lib/auth/session-version.ts).
    async jwt({ token, user }) {
      if (user) token[VERSION_CLAIM] = (user as { sessionVersion?: number }).sessionVersion ?? (await sessionVersionOf(user.id));
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      (session as { sessionVersion?: unknown }).sessionVersion = token[VERSION_CLAIM];
      return session;
    },
  },
  events: {
    // Signing out ends every session of the user, and so the copy of this cookie a thief may hold.
    async signOut({ token }) {
      await endSessionsOfToken(token);
    },
  },
};
