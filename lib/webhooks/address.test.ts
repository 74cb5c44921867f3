import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aProject, refusal } from "@/lib/testing/fixtures";
import { isPublicAddress } from "./address";
import { createEndpointSchema } from "./schemas";
import { createEndpoint } from "./service";

// Where an endpoint may point (SPEC §15): public addresses only unless the operator allows private
// ones, checked for every address a host resolves to; the URL's shape is checked by the schema.

const allowing = process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
afterEach(() => {
  if (allowing === undefined) delete process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
  else process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE = allowing;
});

describe("public addresses", () => {
  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is public", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it.each([
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "127.0.0.1",
    "0.0.0.0",
    "169.254.169.254",
    "100.64.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:127.0.0.1",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "not an address",
  ])("%s is not public", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });
});

describe("the endpoint URL's shape", () => {
  const urlErrors = (url: string) => {
    const parsed = createEndpointSchema.safeParse({ url, events: ["key.created"] });
    return parsed.success ? [] : parsed.error.issues.filter((issue) => issue.path[0] === "url").map((issue) => issue.message);
  };

  it.each([
    ["credentials", "https://user:pass@hooks.example.com/in", /user name and password/],
    ["a user name alone", "https://user@hooks.example.com/in", /user name and password/],
    ["another scheme", "ftp://hooks.example.com/in", /https:\/\//],
    ["a javascript: URL", "javascript:alert(1)", /https:\/\//],
    ["no scheme", "hooks.example.com/in", /full URL/],
    ["nothing", "   ", /URL is required/],
    ["over 2048 characters", `https://hooks.example.com/${"a".repeat(2048)}`, /at most 2048/],
    ["a control character", "https://hooks.example.com/\u0000in", /control characters/],
  ])("refuses %s", (_case, url, message) => {
    const errors = urlErrors(url);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it("keeps an https URL in the URL parser's form", () => {
    expect(createEndpointSchema.parse({ url: " https://Hooks.Example.com/in?x=1 ", events: ["key.revoked", "key.created", "key.created"] })).toEqual({
      url: "https://hooks.example.com/in?x=1",
      events: ["key.created", "key.revoked"],
    });
  });

  it("refuses no event, and an event this server does not send", () => {
    const none = createEndpointSchema.safeParse({ url: "https://hooks.example.com/in" });
    expect(none.success ? [] : none.error.issues.map((issue) => issue.message)).toEqual(["Choose at least one event."]);
    const unknown = createEndpointSchema.safeParse({ url: "https://hooks.example.com/in", events: ["key.created", "webhook.test"] });
    expect(unknown.success ? [] : unknown.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["events.1", "Not an event this server sends."]]);
  });
});

describe("creating an endpoint on an internal address", () => {
  const input = (url: string) => createEndpointSchema.parse({ url, events: ["key.created"] });

  it.each([
    "http://10.0.0.1/hook",
    "http://127.0.0.1:8080/hook",
    "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:10.0.0.1]/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://2130706433/",
    "http://localhost:3000/hook",
  ])("refuses %s under the URL field, and saves nothing", async (url) => {
    delete process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
    const { project, ctx } = await aProject();
    const error = await refusal(createEndpoint(project.id, input(url), ctx));
    expect(error).toMatchObject({ code: "validation_failed", field: "url" });
    expect(error.message).toMatch(/internal address/);
    expect(await db().webhookEndpoint.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "webhook.created" } })).toBe(0);
  });

  it("accepts a private address when the operator allows it, and a public address always", async () => {
    delete process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE;
    const { project, ctx } = await aProject();
    await createEndpoint(project.id, input("https://93.184.215.14/hook"), ctx);
    process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE = "1";
    await createEndpoint(project.id, input("http://127.0.0.1:8080/hook"), ctx);
    expect(await db().webhookEndpoint.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("refuses a host that does not resolve", async () => {
    const { project, ctx } = await aProject();
    const error = await refusal(createEndpoint(project.id, input("https://no-such-host.invalid/hook"), ctx));
    expect(error).toMatchObject({ code: "validation_failed", field: "url" });
  });
});
