import path from "node:path";
import type { Handler } from "./v1-routes";

// A fetch that serves requests from the route modules in this process, so a real HTTP client
// library (openid-client) can be driven against the routes without a server. Each path maps to
// its route file the way Next.js maps them: `[name]` segments are parameters.

const APP = path.resolve(__dirname, "../../app");

type Mapping = { pattern: RegExp; file: string; names: string[] };

function mapping(route: string, file: string): Mapping {
  const names: string[] = [];
  const pattern = new RegExp("^" + route.replace(/\[([^\]]+)\]/g, (_, name: string) => (names.push(name), "([^/]+)")) + "$");
  return { pattern, file: path.join(APP, file), names };
}

export function routeFetch(routes: Record<string, string>, { ip = "192.0.2.200" } = {}) {
  const table = Object.entries(routes).map(([route, file]) => mapping(route, file));
  // `body` also takes any Uint8Array, as openid-client's customFetch passes one.
  return async (input: string | URL | Request, init?: Omit<RequestInit, "body"> & { body?: RequestInit["body"] | Uint8Array }): Promise<Response> => {
    const request = new Request(input, init as RequestInit);
    request.headers.set("x-forwarded-for", ip);
    const { pathname } = new URL(request.url);
    for (const { pattern, file, names } of table) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      const mod = (await import(file)) as Record<string, Handler | undefined>;
      const handler = mod[request.method];
      if (!handler) return new Response(null, { status: 405 });
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
      return handler(request, { params: Promise.resolve(params) });
    }
    return new Response(null, { status: 404 });
  };
}

/** The OAuth endpoints (SPEC §14) and the discovery document, for routeFetch. */
export const OAUTH_ROUTES = {
  "/.well-known/oauth-authorization-server": ".well-known/oauth-authorization-server/route.ts",
  "/api/v1/oauth/register": "api/v1/oauth/register/route.ts",
  "/api/v1/oauth/register/[clientId]": "api/v1/oauth/register/[clientId]/route.ts",
  "/api/v1/oauth/token": "api/v1/oauth/token/route.ts",
  "/api/v1/oauth/revoke": "api/v1/oauth/revoke/route.ts",
  "/api/v1/oauth/introspect": "api/v1/oauth/introspect/route.ts",
} as const;
