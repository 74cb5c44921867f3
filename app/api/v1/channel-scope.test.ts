import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import * as subscriptions from "@/app/api/v1/subscriptions/route";
import * as subscription from "@/app/api/v1/subscriptions/[id]/route";
import * as messages from "@/app/api/v1/messages/route";

// Channel scope (SPEC §4) beyond messages: a channel-scoped key creates, lists and deletes
// subscriptions only in its own channels. And the order of the two refusals: for a channel-scoped
// key any slug outside its scope is 403 scope_violation, known or not (it learns nothing about
// other channels); for an all-scope key an unknown slug is 422 validation_failed.

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (route: unknown, secret: string, { id, method = "GET", body }: { id?: string; method?: string; body?: unknown } = {}) =>
  (route as Route)(
    new Request(`http://localhost/api/v1/x${id ? `/${id}` : ""}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.91" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(id ? { id } : ({} as Record<string, string>)) },
  );
const refusal = async (res: Response) => [res.status, (await res.json()).error?.code];

let projectId = "";
let userId = "";
const keys = {} as Record<"scopedClient" | "scopedAdmin" | "scopedEditor" | "all", string>;
const subs = {} as Record<"news" | "vip", string>;

beforeAll(async () => {
  const { project, ctx } = await aProject();
  projectId = project.id;
  const news = await aChannel(ctx, projectId, "news");
  const vip = await aChannel(ctx, projectId, "vip");
  userId = (await db().contact.create({ data: { projectId, externalId: "u1" } })).id;
  const other = (await db().contact.create({ data: { projectId, externalId: "u2" } })).id;
  subs.news = (await db().subscription.create({ data: { projectId, contactId: other, channelId: news.id } })).id;
  subs.vip = (await db().subscription.create({ data: { projectId, contactId: other, channelId: vip.id } })).id;
  keys.scopedClient = (await aKey(ctx, projectId, "client", { scope: "channels", channels: [news.id] })).secret;
  keys.scopedAdmin = (await aKey(ctx, projectId, "admin", { scope: "channels", channels: [news.id] })).secret;
  keys.scopedEditor = (await aKey(ctx, projectId, "editor", { scope: "channels", channels: [news.id] })).secret;
  keys.all = (await aKey(ctx, projectId, "admin")).secret;
});

describe("subscriptions are channel-scoped", () => {
  it("a channel-scoped key subscribes only in its channels", async () => {
    const before = await db().subscription.count({ where: { projectId } });
    expect(await refusal(await call(subscriptions.POST, keys.scopedClient, { method: "POST", body: { userId, channel: "vip" } }))).toEqual([403, "scope_violation"]);
    expect(await refusal(await call(subscriptions.POST, keys.scopedClient, { method: "POST", body: { userId, channel: "nope" } }))).toEqual([403, "scope_violation"]);
    expect(await db().subscription.count({ where: { projectId } })).toBe(before);
    const ok = await call(subscriptions.POST, keys.scopedClient, { method: "POST", body: { userId, channel: "news" } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ userId, channel: "news" });
  });

  it("an all-scope key gets 422 for an unknown channel", async () => {
    const res = await call(subscriptions.POST, keys.all, { method: "POST", body: { userId, channel: "nope" } });
    const body = await res.json();
    expect([res.status, body.error.code, body.error.details.issues[0].path]).toEqual([422, "validation_failed", "channel"]);
  });

  it("a channel-scoped key lists only its channels' subscriptions", async () => {
    const scoped = await (await call(subscriptions.GET, keys.scopedAdmin)).json();
    expect(scoped.data.length).toBeGreaterThan(0);
    expect(new Set(scoped.data.map((s: { channel: string }) => s.channel))).toEqual(new Set(["news"]));
    const all = await (await call(subscriptions.GET, keys.all)).json();
    expect(new Set(all.data.map((s: { channel: string }) => s.channel))).toEqual(new Set(["news", "vip"]));
  });

  it("a channel-scoped key deletes another channel's subscription as if it did not exist (404)", async () => {
    expect(await refusal(await call(subscription.DELETE, keys.scopedAdmin, { id: subs.vip, method: "DELETE" }))).toEqual([404, "not_found"]);
    expect(await db().subscription.findUnique({ where: { id: subs.vip } })).not.toBeNull();
    expect((await call(subscription.DELETE, keys.scopedAdmin, { id: subs.news, method: "DELETE" })).status).toBe(204);
    expect(await db().subscription.findUnique({ where: { id: subs.news } })).toBeNull();
  });
});

describe("messages: scope before existence", () => {
  const send = (secret: string, channels: string[]) => call(messages.POST, secret, { method: "POST", body: { title: "Hi", body: "Hello", target: { channels } } });

  it("a channel-scoped key gets 403 scope_violation for any slug outside its scope, known or not", async () => {
    for (const channels of [["vip"], ["nope"], ["news", "nope"]]) {
      const res = await send(keys.scopedEditor, channels);
      const body = await res.json();
      expect([res.status, body.error.code], channels.join()).toEqual([403, "scope_violation"]);
      expect(body.error.details).toEqual({ channels: channels.filter((c) => c !== "news") });
    }
  });

  it("an all-scope key gets 422 validation_failed naming an unknown slug", async () => {
    const res = await send(keys.all, ["news", "nope"]);
    const body = await res.json();
    expect([res.status, body.error.code]).toEqual([422, "validation_failed"]);
    expect(body.error.details.issues).toEqual([{ path: "target.channels", message: 'unknown channel "nope"' }]);
  });
});
