// /api/auth/*: next-auth's own sign-in, sign-out and session endpoints (dashboard only, no API keys)
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { authRoute } from "@/lib/auth/auth-route";

const handler = authRoute(NextAuth(authOptions));
export { handler as GET, handler as POST };
