import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

// Pages only: /api is excluded by the matcher, so the key check on /api/v1 pays nothing here
// (a proxy on /api/v1 costs ~12% of throughput even when it does nothing). The session check is
// an optimistic redirect; every page and action checks membership again on the server.

const SIGNED_IN_AREAS = ["/p/", "/projects/", "/dev/", "/account"];
const SPOOFABLE_HEADERS = ["x-latchkey-user-id", "x-latchkey-key-id", "x-latchkey-project-id", "x-latchkey-role", "x-middleware-subrequest"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Page loads only: a server action (a POST) answers "session ended" itself, which a redirect
  // would turn into an error the form cannot show.
  const pageLoad = (request.method === "GET" || request.method === "HEAD") && !request.headers.has("next-action");
  if (pageLoad && SIGNED_IN_AREAS.some((area) => pathname.startsWith(area))) {
    const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
    if (!token) {
      const login = new URL("/login", request.url);
      login.searchParams.set("callbackUrl", pathname + search);
      return NextResponse.redirect(login);
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  for (const name of SPOOFABLE_HEADERS) requestHeaders.delete(name);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
