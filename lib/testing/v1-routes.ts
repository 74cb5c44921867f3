import fs from "node:fs";
import path from "node:path";

// The key-guarded /api/v1 route files, found on disk, for the suites that walk every route.

export const V1 = path.resolve(__dirname, "../../app/api/v1");
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
/**
 * Routes that need no key (SPEC §7; the leak report of §15) and the catch-all 404: not part of the key-guarded suites. Nor
 * are the OAuth endpoints (SPEC §14): they answer in the RFC shape, and all but registration
 * authenticate a client or a registration access token, not a key (app/api/v1/oauth/oauth.test.ts).
 */
export const PUBLIC = new Set(["/openapi.json", "/[...path]", "/credentials/revoke"]);
const OAUTH = "/oauth";

/** Every key-guarded route file, with its route written as in the API ("/users/{id}"). */
export function keyedRouteFiles(dir = V1): { file: string; route: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return keyedRouteFiles(full);
    if (!/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) return [];
    const route = "/" + path.relative(V1, dir).split(path.sep).join("/");
    return PUBLIC.has(route) || route.startsWith(OAUTH) ? [] : [{ file: full, route: route.replace(/\[([^\].]+)\]/g, "{$1}") }];
  });
}

/** Everything the API stores for a project (audit log and keys aside), in a stable order. */
export async function storedResources(projectId: string): Promise<unknown[]> {
  const { db } = await import("@/lib/db");
  const where = { where: { projectId }, orderBy: { id: "asc" as const } };
  return Promise.all([
    db().contact.findMany(where),
    db().organization.findMany(where),
    db().event.findMany(where),
    db().subscription.findMany(where),
    db().channel.findMany(where),
    db().record.findMany(where),
    db().message.findMany(where),
    db().messageRecipient.count({ where: { message: { projectId } } }),
  ]);
}
