import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { emailField } from "@/lib/users/schemas";
import { checkPassword } from "@/lib/users/service";
import { recordFailedSignIn, recordSuccessfulSignIn, signInBlockedFor } from "./sign-in-limits";

function ipOf(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return typeof value === "string" && value ? value.split(",")[0].trim() : "unknown";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = emailField.safeParse(credentials?.email);
        const password = credentials?.password;
        if (!email.success || typeof password !== "string" || password.length > 1024) return null;
        const ip = ipOf(req?.headers);
        const wait = await signInBlockedFor(ip, email.data);
        if (wait > 0) {
          throw new Error(`Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`);
        }
        const user = await checkPassword(email.data, password);
        if (!user) {
          await recordFailedSignIn(ip, email.data);
          return null;
        }
        await recordSuccessfulSignIn(email.data);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
