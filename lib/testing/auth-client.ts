import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// A browser's view of next-auth, in-process: its real handler (sign-in with the credentials
// provider, the jwt and session callbacks, sign-out with its events) behind a cookie jar, called
// the way the pages router calls it. What `getServerSession` returns for a request with these
// cookies is `session()`.

process.env.NEXTAUTH_URL ??= "http://localhost:3000";

type Handled = { status: number; headers: Record<string, unknown>; body: unknown };
type ApiHandler = (req: unknown, res: unknown, options: typeof authOptions) => Promise<unknown>;

/** The few parts of a Node response next-auth's pages-router handler uses. */
function fakeResponse(done: Handled) {
  const res = {
    status: (code: number) => ((done.status = code), res),
    getHeader: (name: string) => done.headers[name.toLowerCase()],
    setHeader: (name: string, value: unknown) => ((done.headers[name.toLowerCase()] = value), res),
    end: () => res,
    send: (body: unknown) => ((done.body = body), res),
    json: (body: unknown) => ((done.body = body), res),
  };
  return res;
}

export class AuthClient {
  readonly cookies: Record<string, string> = {};

  constructor(private readonly ip = "192.0.2.10") {}

  private async call(action: string, method: "GET" | "POST", body?: Record<string, string>, providerId?: string): Promise<Handled> {
    const done: Handled = { status: 200, headers: {}, body: undefined };
    const req = {
      method,
      body,
      query: { nextauth: providerId ? [action, providerId] : [action] },
      cookies: { ...this.cookies },
      headers: { host: "localhost:3000", "x-forwarded-for": this.ip },
    };
    await (NextAuth as unknown as ApiHandler)(req, fakeResponse(done), { ...authOptions, secret: process.env.NEXTAUTH_SECRET });
    for (const line of [done.headers["set-cookie"] ?? []].flat() as string[]) {
      const [pair, ...attributes] = line.split(";");
      const [name, value] = [pair.slice(0, pair.indexOf("=")), decodeURIComponent(pair.slice(pair.indexOf("=") + 1))];
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === "") delete this.cookies[name];
      else this.cookies[name] = value;
    }
    return done;
  }

  private async csrfToken(): Promise<string> {
    return ((await this.call("csrf", "GET")).body as { csrfToken: string }).csrfToken;
  }

  /** Signs in through the credentials provider; true when a session cookie was set. */
  async signIn(email: string, password: string): Promise<boolean> {
    await this.call("callback", "POST", { email, password, csrfToken: await this.csrfToken(), callbackUrl: "/" }, "credentials");
    return this.sessionCookie() !== undefined;
  }

  async signOut(): Promise<void> {
    await this.call("signout", "POST", { csrfToken: await this.csrfToken(), callbackUrl: "/login" });
  }

  /** The session as `getServerSession` sees it for a request carrying these cookies. */
  async session(): Promise<unknown> {
    const body = (await this.call("session", "GET")).body as Record<string, unknown> | undefined;
    return body && Object.keys(body).length ? body : null;
  }

  sessionCookie(): string | undefined {
    return this.cookies["next-auth.session-token"];
  }

  /** A copy of this browser's cookies, as a thief who stole them would hold them. */
  clone(ip = "198.51.100.66"): AuthClient {
    const thief = new AuthClient(ip);
    Object.assign(thief.cookies, this.cookies);
    return thief;
  }
}
