import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { apiRoute, GUARDED, optionsRoute, publicRoute } from "@/lib/api/handler";

// SPEC §7: no /api/v1 handler can be written without the key guard. This walks every route file
// under app/api/v1 (and the public ones beside it) and proves each exported handler was built by
// apiRoute, or publicRoute where SPEC §7 needs no key. OPTIONS may be built by optionsRoute: it
// answers only the methods a route accepts, runs no handler and returns no data.

const ROOT = path.resolve(__dirname, "../..");
const V1 = path.join(ROOT, "app/api/v1");
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const ROUTE_CONFIG = new Set(["dynamic", "runtime", "revalidate", "fetchCache", "preferredRegion", "maxDuration"]);
// SPEC §7 names the only /api/v1 route that needs no key; the catch-all answers 404 for unknown
// paths and returns no data. Both must still go through publicRoute.
const PUBLIC_ROUTES = new Set([
  "app/api/v1/openapi.json/route.ts",
  // SPEC §15: anyone who finds a leaked key reports it without one.
  "app/api/v1/credentials/revoke/route.ts",
  "app/api/v1/[...path]/route.ts",
  "app/api/health/route.ts",
  "app/api/[...path]/route.ts",
  "app/.well-known/oauth-authorization-server/route.ts",
]);
// SPEC §14: the OAuth endpoints a client authenticates to with its id and secret, and the client
// configuration endpoint, guarded by the registration access token (lib/oauth/endpoint.ts).
const CLIENT_ROUTES = new Set(["app/api/v1/oauth/token/route.ts", "app/api/v1/oauth/revoke/route.ts", "app/api/v1/oauth/introspect/route.ts"]);
const REGISTRATION_ROUTES = new Set(["app/api/v1/oauth/register/[clientId]/route.ts"]);
/** The route files outside app/api/v1 that are ours (NextAuth's and the test-only clock are not). */
const OUTSIDE_V1 = ["app/api/health/route.ts", "app/api/[...path]/route.ts", "app/.well-known/oauth-authorization-server/route.ts"];

// The files Next.js serves or renders besides route handlers; plain modules (a route's handlers) are not served.
const SERVED_FILE = /^(page|layout|template|default|loading|error|global-error|not-found|forbidden|unauthorized)\.(tsx?|jsx?|mdx?)$/;

/** Every file under app/api/v1 that Next.js would serve but is not a route handler (e.g. a page). */
function strayFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return strayFiles(full);
    return SERVED_FILE.test(entry.name) ? [path.relative(ROOT, full)] : [];
  });
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

const guardFor = (file: string) => (PUBLIC_ROUTES.has(file) ? "public" : CLIENT_ROUTES.has(file) ? "client" : REGISTRATION_ROUTES.has(file) ? "registration" : "key");

/** Every way a route module can escape the guard, as readable problems (empty when it is sound). */
function guardProblems(file: string, mod: Record<string, unknown>, source: string): string[] {
  const expected = guardFor(file);
  const problems: string[] = [];
  const handlers = Object.keys(mod).filter((name) => HTTP_METHODS.has(name));
  if (handlers.length === 0) problems.push("exports no HTTP method handler");
  for (const name of handlers) {
    const handler = mod[name] as { [GUARDED]?: unknown } | undefined;
    if (typeof handler !== "function") problems.push(`${name} is not a function`);
    else if (handler[GUARDED] !== expected && !(name === "OPTIONS" && handler[GUARDED] === "preflight")) {
      problems.push(`${name} is not built by ${{ key: "apiRoute", public: "publicRoute", client: "clientEndpoint", registration: "registrationEndpoint" }[expected]}`);
    }
  }
  for (const name of Object.keys(mod)) {
    if (!HTTP_METHODS.has(name) && !ROUTE_CONFIG.has(name)) problems.push(`exports "${name}", which is neither a handler nor route config`);
  }
  if (/export\s+(async\s+)?function\b/.test(source)) problems.push("declares an exported function instead of a wrapped handler");
  if (/GUARDED|latchkey\.guarded/.test(source)) problems.push("touches the guard mark itself");
  return problems;
}

const files = [...routeFiles(V1), ...OUTSIDE_V1];

describe("the OAuth endpoints' guards", () => {
  it("are named by file, so a token endpoint built by publicRoute would be reported", () => {
    const POST = publicRoute(async () => ({}));
    expect(guardProblems("app/api/v1/oauth/token/route.ts", { POST }, "")).toEqual(["POST is not built by clientEndpoint"]);
    expect(guardProblems("app/api/v1/oauth/register/[clientId]/route.ts", { GET: POST }, "")).toEqual(["GET is not built by registrationEndpoint"]);
  });
});

describe("the /api/v1 route walker", () => {
  it("finds the route files, including GET /api/v1/me", () => {
    expect(files).toContain("app/api/v1/me/route.ts");
    expect(files.filter((f) => !f.startsWith("app/api/v1/"))).toEqual(OUTSIDE_V1);
  });

  it("finds no page, layout or other served file under app/api/v1 besides route handlers", () => {
    expect(strayFiles(V1)).toEqual([]);
  });

  it("reports a handler that was not built by apiRoute", () => {
    const GET = async () => new Response("{}");
    expect(guardProblems("app/api/v1/x/route.ts", { GET }, "export const GET = async () => new Response('{}');")).toEqual(["GET is not built by apiRoute"]);
  });

  it("reports a public handler outside the allowed public routes", () => {
    const GET = publicRoute(async () => ({}));
    expect(guardProblems("app/api/v1/x/route.ts", { GET }, "export const GET = publicRoute(...)")).toEqual(["GET is not built by apiRoute"]);
  });

  it("reports a plain exported function, a helper export and a forged mark", () => {
    const guarded = apiRoute("any", async () => ({}));
    const source = "export async function POST() {}\nObject.assign(fn, { [GUARDED]: 'key' })";
    expect(guardProblems("app/api/v1/x/route.ts", { GET: guarded, helper: () => 1, default: guarded }, source)).toEqual([
      'exports "helper", which is neither a handler nor route config',
      'exports "default", which is neither a handler nor route config',
      "declares an exported function instead of a wrapped handler",
      "touches the guard mark itself",
    ]);
    expect(guardProblems("app/api/v1/x/route.ts", {}, "")).toEqual(["exports no HTTP method handler"]);
  });

  it("accepts optionsRoute for OPTIONS only", () => {
    const preflight = optionsRoute(["GET"]);
    expect(guardProblems("app/api/v1/x/route.ts", { GET: apiRoute("any", async () => ({})), OPTIONS: preflight }, "")).toEqual([]);
    expect(guardProblems("app/api/v1/x/route.ts", { GET: preflight }, "")).toEqual(["GET is not built by apiRoute"]);
  });

  it("accepts a handler built by apiRoute alongside route config", () => {
    const GET = apiRoute("any", async () => ({}));
    expect(guardProblems("app/api/v1/x/route.ts", { GET, dynamic: "force-dynamic", runtime: "nodejs" }, 'export const GET = apiRoute("any", ...)')).toEqual([]);
  });
});

describe.each(files)("%s", (file) => {
  it("exports only handlers built by the key guard and Next route config", async () => {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    expect(guardProblems(file, mod, source)).toEqual([]);
    expect(source).not.toContain("export async function");
    expect(source).not.toContain("export function");
    for (const name of Object.keys(mod).filter((n) => HTTP_METHODS.has(n))) {
      const expected = guardFor(file);
      const mark = (mod[name] as { [GUARDED]?: unknown })[GUARDED];
      expect(name === "OPTIONS" && mark === "preflight" ? expected : mark, `${file} ${name}`).toBe(expected);
    }
  });
});
