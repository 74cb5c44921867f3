import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { KEYS_PAGE_SIZE, listKeys } from "./queries";
import { keyListHref, parseKeyListParams } from "./list-params";

// The API Keys page's search, filters and sorting (issue 14, "Find a key fast"): all server-side,
// read from the address, paginated.

const DAY = 86_400_000;

/** A project with one key of each status, created a day apart (oldest first), plus `extra` active keys. */
async function aProjectWithKeys(extra = 0) {
  const team = await aProject();
  const at = now().getTime();
  const made: Record<string, { id: string; preview: string }> = {};
  const specs = [
    { name: "Active editor", role: "editor" as const, set: {} },
    { name: "Expiring client", role: "client" as const, set: { expiresAt: new Date(at + 3 * DAY) } },
    { name: "Later client", role: "client" as const, set: { expiresAt: new Date(at + 30 * DAY) } },
    { name: "Revoked admin", role: "admin" as const, set: { revokedAt: new Date(at - DAY) } },
    { name: "Expired support", role: "support" as const, set: { expiresAt: new Date(at - DAY) } },
    { name: "Disabled editor", role: "editor" as const, set: { disabledAt: new Date(at - DAY) } },
  ];
  for (const [i, spec] of specs.entries()) {
    const { key } = await aKey(team.ctx, team.project.id, spec.role, { name: spec.name });
    await db().apiKey.update({ where: { id: key.id }, data: { ...spec.set, createdAt: new Date(at - (100 - i) * DAY) } });
    made[spec.name] = { id: key.id, preview: key.preview };
  }
  for (let i = 0; i < extra; i++) {
    const { key } = await aKey(team.ctx, team.project.id, "support", { name: `Bulk ${String(i).padStart(2, "0")}` });
    await db().apiKey.update({ where: { id: key.id }, data: { createdAt: new Date(at - (50 - i) * DAY) } });
  }
  return { ...team, made };
}

const names = (list: { keys: { name: string }[] }) => list.keys.map((k) => k.name);

describe("listKeys: filters", () => {
  it("hides revoked keys by default, and shows them with the revoked or all filter", async () => {
    const { project } = await aProjectWithKeys();
    const byDefault = await listKeys(project.id, {});
    expect(names(byDefault)).not.toContain("Revoked admin");
    expect(byDefault.total).toBe(5);
    expect(names(await listKeys(project.id, { status: "revoked" }))).toEqual(["Revoked admin"]);
    expect((await listKeys(project.id, { status: "all" })).total).toBe(6);
  });

  it("filters by each status, expiring meaning active and expiring within 7 days", async () => {
    const { project } = await aProjectWithKeys();
    const sorted = async (status: "active" | "expiring" | "disabled" | "expired") => names(await listKeys(project.id, { status })).sort();
    expect(await sorted("active")).toEqual(["Active editor", "Expiring client", "Later client"]);
    expect(await sorted("expiring")).toEqual(["Expiring client"]);
    expect(await sorted("disabled")).toEqual(["Disabled editor"]);
    expect(await sorted("expired")).toEqual(["Expired support"]);
  });

  it("filters by role, together with the status", async () => {
    const { project } = await aProjectWithKeys();
    expect(names(await listKeys(project.id, { role: "client" })).sort()).toEqual(["Expiring client", "Later client"]);
    expect(names(await listKeys(project.id, { role: "admin" }))).toEqual([]);
    expect(names(await listKeys(project.id, { role: "admin", status: "all" }))).toEqual(["Revoked admin"]);
    expect(names(await listKeys(project.id, { role: "editor", status: "disabled" }))).toEqual(["Disabled editor"]);
  });
});

describe("listKeys: search", () => {
  it("finds a key by the last 4 characters of its preview, with or without the preview's head, in any case", async () => {
    const { project, made } = await aProjectWithKeys();
    const { preview } = made["Later client"];
    const last4 = preview.slice(-4);
    for (const query of [last4, `…${last4}`, preview, last4.toLowerCase(), last4.toUpperCase()]) {
      const found = names(await listKeys(project.id, { query }));
      expect(found, query).toContain("Later client");
    }
  });

  it("matches names by contains but previews only by their end, and only from 4 characters", async () => {
    const { project, made } = await aProjectWithKeys();
    const { preview } = made["Active editor"];
    // The head "lk_sk_" of every secret key's preview matches nothing by itself.
    expect(names(await listKeys(project.id, { query: preview.slice(0, 6) }))).toEqual([]);
    // Three of the last four: too short to be a preview search.
    const three = preview.slice(-3);
    expect(names(await listKeys(project.id, { query: three })).filter((n) => !n.toLowerCase().includes(three.toLowerCase()))).toEqual([]);
    expect(names(await listKeys(project.id, { query: "client" })).sort()).toEqual(["Expiring client", "Later client"]);
  });

  it("searches within the filters: a revoked key's last 4 find it only with the revoked filter", async () => {
    const { project, made } = await aProjectWithKeys();
    const last4 = made["Revoked admin"].preview.slice(-4);
    expect(names(await listKeys(project.id, { query: last4 }))).not.toContain("Revoked admin");
    expect(names(await listKeys(project.id, { query: last4, status: "revoked" }))).toEqual(["Revoked admin"]);
  });
});

describe("listKeys: sorting and pages", () => {
  it("sorts by Created, newest first by default, and oldest first on request", async () => {
    const { project } = await aProjectWithKeys();
    const order = ["Active editor", "Expiring client", "Later client", "Expired support", "Disabled editor"];
    expect(names(await listKeys(project.id, {}))).toEqual([...order].reverse());
    expect(names(await listKeys(project.id, { sort: "created", dir: "asc" }))).toEqual(order);
  });

  it("sorts by Expires with Never after every date ascending, and first descending", async () => {
    const { project } = await aProjectWithKeys();
    const asc = names(await listKeys(project.id, { sort: "expires", dir: "asc" }));
    expect(asc.slice(0, 3)).toEqual(["Expired support", "Expiring client", "Later client"]);
    expect(asc.slice(3).sort()).toEqual(["Active editor", "Disabled editor"]);
    const desc = names(await listKeys(project.id, { sort: "expires", dir: "desc" }));
    expect(desc.slice(2)).toEqual(["Later client", "Expiring client", "Expired support"]);
  });

  it("sorts by Last used with Never as the least recent", async () => {
    const { project, made } = await aProjectWithKeys();
    const at = now().getTime();
    await db().apiKey.update({ where: { id: made["Later client"].id }, data: { lastUsedAt: new Date(at - 60_000) } });
    await db().apiKey.update({ where: { id: made["Active editor"].id }, data: { lastUsedAt: new Date(at - 3 * DAY) } });
    const desc = names(await listKeys(project.id, { sort: "last_used", dir: "desc" }));
    expect(desc.slice(0, 2)).toEqual(["Later client", "Active editor"]);
    const asc = names(await listKeys(project.id, { sort: "last_used", dir: "asc" }));
    expect(asc.slice(-2)).toEqual(["Active editor", "Later client"]);
  });

  it("pages a filtered, sorted list: every key once, the page count from the filtered total", async () => {
    const { project } = await aProjectWithKeys(KEYS_PAGE_SIZE + 5);
    const first = await listKeys(project.id, { role: "support", sort: "created", dir: "asc" });
    const second = await listKeys(project.id, { role: "support", sort: "created", dir: "asc", page: 2 });
    expect(first.total).toBe(KEYS_PAGE_SIZE + 6);
    expect(first.pageCount).toBe(2);
    const all = [...names(first), ...names(second)];
    expect(all).toHaveLength(KEYS_PAGE_SIZE + 6);
    expect(new Set(all).size).toBe(all.length);
    expect(all[0]).toBe("Expired support");
    expect(all.at(-1)).toBe(`Bulk ${String(KEYS_PAGE_SIZE + 4).padStart(2, "0")}`);
  });
});

describe("the list's address (search params)", () => {
  it("reads valid values and reports no problem", () => {
    const { params, problems } = parseKeyListParams({ q: " X7aQ ", status: "revoked", role: "editor", sort: "expires", dir: "asc", page: "3" });
    expect(params).toEqual({ query: "X7aQ", status: "revoked", role: "editor", sort: "expires", dir: "asc", page: 3 });
    expect(problems).toEqual([]);
  });

  it("ignores unknown values with a message naming each, and takes the first of repeated ones", () => {
    const { params, problems } = parseKeyListParams({ status: "deleted", role: ["root", "editor"], sort: "name", dir: "up", page: "-4" });
    expect(params).toEqual({ query: "", status: "current", role: undefined, sort: "created", dir: "desc", page: 1 });
    expect(problems).toHaveLength(4);
    expect(problems.join(" ")).toMatch(/status “deleted”/);
    expect(problems.join(" ")).toMatch(/role “root”/);
    expect(problems.join(" ")).toMatch(/sort “name”/);
  });

  it("reads the phone's Sort by choice (order=sort:dir), which an explicit sort and dir override", () => {
    expect(parseKeyListParams({ order: "last_used:asc" }).params).toMatchObject({ sort: "last_used", dir: "asc" });
    expect(parseKeyListParams({ order: "last_used:asc", sort: "expires", dir: "desc" }).params).toMatchObject({ sort: "expires", dir: "desc" });
    const { params, problems } = parseKeyListParams({ order: "name:up" });
    expect(params).toMatchObject({ sort: "created", dir: "desc" });
    expect(problems).toHaveLength(2);
  });

  it("drops a search with a control character with its message", () => {
    const { params, problems } = parseKeyListParams({ q: "Bi\u0000ll" });
    expect(params.query).toBe("");
    expect(problems).toEqual(["Search cannot contain control characters."]);
  });

  it("writes an address with only the values that differ from the defaults", () => {
    const defaults = parseKeyListParams({}).params;
    expect(keyListHref(defaults)).toBe("?");
    expect(keyListHref({ ...defaults, query: "a b", status: "all", sort: "created", dir: "asc" })).toBe("?q=a+b&status=all&dir=asc");
    expect(keyListHref({ ...defaults, sort: "expires", dir: "asc", page: 2 })).toBe("?sort=expires&dir=asc&page=2");
  });
});
