import { describe, expect, it } from "vitest";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { OAUTH_ROUTES, routeFetch } from "@/lib/testing/route-fetch";
import { pointerKey, schemaChecker } from "@/lib/testing/openapi-schemas";
import { openApiDocument } from "@/lib/resources/openapi";

// The OAuth operations of the OpenAPI document (lib/oauth/openapi-paths.ts) against their routes:
// every answer below has a status the document lists for it, and a body its schema accepts.

type Listed = { content?: { "application/json": { schema: unknown } } };
const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, Listed> }>> };
const check = schemaChecker(doc);
const fetchRoute = routeFetch({
  ...OAUTH_ROUTES,
});
const BASE = "http://localhost";

async function conforms(path: string, method: string, res: Response): Promise<string[]> {
  const status = String(res.status);
  const listed = doc.paths[path]?.[method]?.responses[status];
  const text = await res.text();
  if (!listed) return [`${method.toUpperCase()} ${path}: status ${status} is not listed (${text})`];
  if (!listed.content) return text === "" ? [] : [`${status}: a body where the document has none`];
  const pointer = `/paths/${pointerKey(path)}/${method}/responses/${status}/content/application~1json/schema`;
  return check(pointer, JSON.parse(text)).map((e) => `${method.toUpperCase()} ${path} ${status}: ${e}`);
}

const form = (body: Record<string, string>, basic?: [string, string]) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...(basic ? { authorization: `Basic ${Buffer.from(basic.join(":")).toString("base64")}` } : {}) },
  body: new URLSearchParams(body).toString(),
});

describe("the OAuth operations answer as the document says", () => {
  it("registration, configuration, token, revocation and introspection, allowed and refused", async () => {
    const { project, ctx } = await aProject();
    const admin = (await aKey(ctx, project.id, "admin")).secret;
    const editor = (await aKey(ctx, project.id, "editor")).secret;
    const problems: string[] = [];
    const register = "/api/v1/oauth/register";
    const registering = (key: string | null, body: unknown) =>
      fetchRoute(`${BASE}${register}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });

    const created = await registering(admin, { client_name: "Sync", scope: "users:read campaigns:read" });
    expect(created.status).toBe(201);
    const client = await created.clone().json();
    problems.push(...(await conforms(register, "post", created)));
    problems.push(...(await conforms(register, "post", await registering(null, { scope: "users:read" }))));
    problems.push(...(await conforms(register, "post", await registering(editor, { scope: "users:read" }))));
    problems.push(...(await conforms(register, "post", await registering(admin, { scope: "users:read", redirect_uris: ["https://x.example/cb"] }))));

    const config = "/api/v1/oauth/register/{clientId}";
    const uri = client.registration_client_uri.replace(/^https?:\/\/[^/]+/, BASE);
    let token = client.registration_access_token as string;
    const read = await fetchRoute(uri, { headers: { authorization: `Bearer ${token}` } });
    token = (await read.clone().json()).registration_access_token;
    problems.push(...(await conforms(config, "get", read)));
    problems.push(...(await conforms(config, "get", await fetchRoute(uri, { headers: { authorization: "Bearer nope" } }))));
    const put = await fetchRoute(uri, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ client_id: client.client_id, scope: "users:read campaigns:read" }),
    });
    token = (await put.clone().json()).registration_access_token;
    problems.push(...(await conforms(config, "put", put)));

    const credentials: [string, string] = [client.client_id, client.client_secret];
    const issued = await fetchRoute(`${BASE}/api/v1/oauth/token`, form({ grant_type: "client_credentials", scope: "users:read" }, credentials));
    const accessToken = (await issued.clone().json()).access_token as string;
    problems.push(...(await conforms("/api/v1/oauth/token", "post", issued)));
    problems.push(...(await conforms("/api/v1/oauth/token", "post", await fetchRoute(`${BASE}/api/v1/oauth/token`, form({ grant_type: "client_credentials", scope: "keys:read" }, credentials)))));
    problems.push(...(await conforms("/api/v1/oauth/token", "post", await fetchRoute(`${BASE}/api/v1/oauth/token`, form({ grant_type: "password" }, credentials)))));
    problems.push(...(await conforms("/api/v1/oauth/token", "post", await fetchRoute(`${BASE}/api/v1/oauth/token`, form({ grant_type: "client_credentials" }, [client.client_id, "wrong"])))));
    problems.push(...(await conforms("/api/v1/oauth/introspect", "post", await fetchRoute(`${BASE}/api/v1/oauth/introspect`, form({ token: accessToken }, credentials)))));
    problems.push(...(await conforms("/api/v1/oauth/revoke", "post", await fetchRoute(`${BASE}/api/v1/oauth/revoke`, form({ token: accessToken }, credentials)))));
    problems.push(...(await conforms("/api/v1/oauth/introspect", "post", await fetchRoute(`${BASE}/api/v1/oauth/introspect`, form({ token: accessToken }, credentials)))));
    problems.push(...(await conforms("/api/v1/oauth/revoke", "post", await fetchRoute(`${BASE}/api/v1/oauth/revoke`, { method: "GET" }))));

    problems.push(...(await conforms(config, "delete", await fetchRoute(uri, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }))));
    expect(problems).toEqual([]);
  });

  it("catches an answer the document does not describe", async () => {
    const wrong = new Response(JSON.stringify({ access_token: 1 }), { status: 200 });
    expect(await conforms("/api/v1/oauth/token", "post", wrong)).not.toEqual([]);
  });
});
