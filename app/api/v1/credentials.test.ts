import { beforeAll, describe, expect, it } from "vitest";
import { aKey, aProject } from "@/lib/testing/fixtures";
import * as me from "@/app/api/v1/me/route";

// SPEC §7: one key per request. A repeated credential header reaches a route joined with ", "
// (the Fetch Headers rule; scripts/server.mjs refuses the repeats Node's parser would drop).

let secret = "";
let other = "";
beforeAll(async () => {
  const { project, ctx } = await aProject("Credentials");
  secret = (await aKey(ctx, project.id, "support")).secret;
  other = (await aKey(ctx, project.id, "support")).secret;
});

const getMe = (headers: [string, string][]) => {
  const h = new Headers({ "x-forwarded-for": "198.51.100.142" });
  for (const [name, value] of headers) h.append(name, value);
  return me.GET(new Request("http://localhost/api/v1/me", { headers: h }), { params: Promise.resolve({}) });
};

describe("a credential header sent twice", () => {
  it.each([
    [
      "Authorization with two keys",
      () => [
        ["authorization", `Bearer ${secret}`],
        ["authorization", `Bearer ${other}`],
      ],
    ],
    [
      "Authorization with the same key twice",
      () => [
        ["authorization", `Bearer ${secret}`],
        ["authorization", `Bearer ${secret}`],
      ],
    ],
    [
      "X-API-Key with two keys",
      () => [
        ["x-api-key", secret],
        ["x-api-key", other],
      ],
    ],
    [
      "X-API-Key with the same key twice",
      () => [
        ["x-api-key", secret],
        ["x-api-key", secret],
      ],
    ],
  ] as const)("is 400 ambiguous_credentials: %s", async (_, headers) => {
    const res = await getMe(headers() as unknown as [string, string][]);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("ambiguous_credentials");
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("leaves one of each, carrying the same key, served", async () => {
    expect(
      (
        await getMe([
          ["authorization", `Bearer ${secret}`],
          ["x-api-key", secret],
        ])
      ).status,
    ).toBe(200);
  });
});
