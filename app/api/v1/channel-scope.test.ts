import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aChannel, aKey, aProject } from "@/lib/testing/fixtures";
import * as subscriptions from "@/app/api/v1/subscriptions/route";
import * as subscription from "@/app/api/v1/subscriptions/[id]/route";
import * as messages from "@/app/api/v1/messages/route";
import * as message from "@/app/api/v1/messages/[id]/route";
import * as channels from "@/app/api/v1/channels/route";
import * as channel from "@/app/api/v1/channels/[id]/route";

// Channel scope (SPEC §4) beyond messages: a channel-scoped key creates, lists and deletes
// subscriptions only in its own channels. And the order of the two refusals: for a channel-scoped
// key any slug outside its scope is 403 scope_violation, known or not (it learns nothing about
// other channels); for an all-scope key an unknown slug is 422 validation_failed.

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (route: unknown, secret: string, { id, method = "GET", body, query = "" }: { id?: string; method?: string; body?: unknown; query?: string } = {}) =>
  (route as Route)(
    new Request(`http://localhost/api/v1/x${id ? `/${id}` : ""}${query}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.91" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(id ? { id } : ({} as Record<string, string>)) },
  );
const refusal = async (res: Response) => [res.status, (await res.json()).error?.code];

let projectId = "";
let userId = "";
const keys = {} as Record<"scopedClient" | "scopedSupport" | "scopedAdmin" | "scopedEditor" | "all", string>;
const subs = {} as Record<"news" | "vip", string>;
const channelIds = {} as Record<"news" | "vip", string>;

beforeAll(async () => {
  const { project, ctx } = await aProject();
  projectId = project.id;
  const news = await aChannel(ctx, projectId, "news");
  const vip = await aChannel(ctx, projectId, "vip");
  channelIds.news = news.id;
  channelIds.vip = vip.id;
  userId = (await db().contact.create({ data: { projectId, externalId: "u1" } })).id;
  const other = (await db().contact.create({ data: { projectId, externalId: "u2" } })).id;
  subs.news = (await db().subscription.create({ data: { projectId, contactId: other, channelId: news.id } })).id;
  subs.vip = (await db().subscription.create({ data: { projectId, contactId: other, channelId: vip.id } })).id;
  keys.scopedClient = (await aKey(ctx, projectId, "client", { scope: "channels", channels: [news.id] })).secret;
  keys.scopedAdmin = (await aKey(ctx, projectId, "admin", { scope: "channels", channels: [news.id] })).secret;
  keys.scopedSupport = (await aKey(ctx, projectId, "support", { scope: "channels", channels: [news.id] })).secret;
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

describe("messages are channel-scoped", () => {
  // Stored as the message store writes them: sorted slugs joined by commas, "" for everyone.
  // "news" must match as a whole element: first, last, in the middle or alone, never as a part of "newsroom" or "anews".
  const stored = {
    news: "news",
    vip: "vip",
    first: "news,vip",
    middle: "alpha,news,vip",
    last: "alpha,news",
    everyone: "",
    newsroom: "newsroom,vip",
    anews: "anews,vip",
    both: "anews,newsroom",
  } as const;
  const sent = {} as Record<keyof typeof stored, string>;
  const visible = () => [sent.news, sent.first, sent.middle, sent.last];
  beforeAll(async () => {
    for (const [name, channels] of Object.entries(stored)) {
      sent[name as keyof typeof sent] = (await db().message.create({ data: { projectId, title: `To ${name}`, body: `Secret of ${name}`, channels, recipients: 0 } })).id;
    }
  });
  const pages = async (secret: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await (await call(messages.GET, secret, { query: `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` })).json();
      ids.push(...page.data.map((m: { id: string }) => m.id));
      expect(page.hasMore).toBe(page.nextCursor !== null);
      if (!page.hasMore) return { ids, lastPageSize: page.data.length };
      cursor = page.nextCursor;
    }
  };

  it("a channel-scoped key lists only messages addressed to one of its channels, page by page", async () => {
    for (const secret of [keys.scopedSupport, keys.scopedEditor, keys.scopedAdmin]) {
      const { ids, lastPageSize } = await pages(secret);
      expect(new Set(ids)).toEqual(new Set(visible()));
      expect(lastPageSize).toBe(1); // hasMore was false exactly at the last message, no empty page
    }
  });

  it("an all-scope key lists every message", async () => {
    expect(new Set((await pages(keys.all)).ids)).toEqual(new Set(Object.values(sent)));
  });

  it("a channel-scoped key reads another channel's or everyone's message as if it did not exist (404)", async () => {
    for (const id of [sent.vip, sent.everyone, sent.newsroom, sent.anews, sent.both]) {
      const res = await call(message.GET, keys.scopedSupport, { id });
      const text = await res.text();
      expect(res.status, id).toBe(404);
      expect(JSON.parse(text).error.code).toBe("not_found");
      expect(text).not.toContain("Secret");
    }
    for (const id of visible()) {
      const res = await call(message.GET, keys.scopedSupport, { id });
      expect(res.status).toBe(200);
      expect((await res.json()).id).toBe(id);
    }
    expect((await call(message.GET, keys.all, { id: sent.everyone })).status).toBe(200);
  });
});

describe("channels are channel-scoped", () => {
  const slugsOf = async (res: Response) => (await res.json()).data.map((c: { slug: string }) => c.slug).sort();

  it("a channel-scoped key lists and gets only its own channels", async () => {
    expect(await slugsOf(await call(channels.GET, keys.scopedSupport))).toEqual(["news"]);
    expect(await refusal(await call(channel.GET, keys.scopedSupport, { id: channelIds.vip }))).toEqual([404, "not_found"]);
    const own = await call(channel.GET, keys.scopedSupport, { id: channelIds.news });
    expect([own.status, (await own.json()).slug]).toEqual([200, "news"]);
    expect(await slugsOf(await call(channels.GET, keys.all))).toEqual(expect.arrayContaining(["news", "vip"]));
  });

  it("a channel-scoped key renames or deletes another channel as if it did not exist (404), If-Match or not", async () => {
    expect(await refusal(await call(channel.PATCH, keys.scopedEditor, { id: channelIds.vip, method: "PATCH", body: { name: "Mine now" } }))).toEqual([404, "not_found"]);
    expect(await refusal(await call(channel.PATCH, keys.scopedEditor, { id: channelIds.vip, method: "PATCH", body: {} }))).toEqual([404, "not_found"]);
    expect(await refusal(await call(channel.DELETE, keys.scopedAdmin, { id: channelIds.vip, method: "DELETE" }))).toEqual([404, "not_found"]);
    const stale = (route: unknown, method: string, body?: unknown) =>
      (route as Route)(
        new Request(`http://localhost/api/v1/channels/${channelIds.vip}`, {
          method,
          headers: { authorization: `Bearer ${keys.scopedAdmin}`, "content-type": "application/json", "if-match": '"999"' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { params: Promise.resolve({ id: channelIds.vip }) },
      );
    expect(await refusal(await stale(channel.PATCH, "PATCH", { name: "Mine now" }))).toEqual([404, "not_found"]);
    expect(await refusal(await stale(channel.DELETE, "DELETE"))).toEqual([404, "not_found"]);
    const vip = await db().channel.findUnique({ where: { id: channelIds.vip } });
    expect(vip?.name).toBe("vip");
    expect(await db().subscription.count({ where: { channelId: channelIds.vip } })).toBe(1);
    const renamed = await call(channel.PATCH, keys.scopedEditor, { id: channelIds.news, method: "PATCH", body: { name: "News" } });
    expect([renamed.status, (await renamed.json()).name]).toEqual([200, "News"]);
  });

  it("a channel-scoped key cannot create a channel (403 scope_violation), taken slug or not", async () => {
    const before = await db().channel.count({ where: { projectId } });
    for (const slug of ["fresh", "vip", "news"]) {
      expect(await refusal(await call(channels.POST, keys.scopedAdmin, { method: "POST", body: { name: slug, slug } })), slug).toEqual([403, "scope_violation"]);
    }
    expect(await db().channel.count({ where: { projectId } })).toBe(before);
    expect((await call(channels.POST, keys.all, { method: "POST", body: { name: "Fresh", slug: "fresh" } })).status).toBe(201);
  });
});
