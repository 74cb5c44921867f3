import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { storedResources, keyedRouteFiles, type Handler, type Method } from "@/lib/testing/v1-routes";

// SPEC §7 and §12: bad input of every kind gets a clear 4xx in the error envelope, never a 5xx,
// and changes nothing. Every write route gets invalid JSON, a wrong type in each field, an
// oversized body and unknown fields; every list route absurd limits and cursors; every item route
// ids that look like SQL or paths. All through the real route modules, with an admin key (the
// role that may write everything, so a refusal is the input's fault, not the role's).

const FILES = keyedRouteFiles();
const fileOf = (route: string) => {
  const found = FILES.find((f) => f.route === route);
  if (!found) throw new Error(`no route file for ${route}`);
  return found.file;
};

// ---- Fixtures --------------------------------------------------------------------------------
const IP = "198.51.100.51";
let projectId = "";
let adminKey = "";
/** A row of each resource of the project, for the PATCH routes and item ids. */
const ids: Record<string, string> = {};
const RECORD_TYPES = ["campaigns", "templates", "journeys", "lists", "tags", "documents", "locales", "actions", "providers", "integrations"];

beforeAll(async () => {
  const { project, ctx } = await aProject("Malformed");
  projectId = project.id;
  adminKey = (await aKey(ctx, projectId, "admin")).secret;
  const contact = await db().contact.create({ data: { projectId, externalId: "ada", name: "Ada" } });
  const channel = await db().channel.create({ data: { projectId, name: "News", slug: "news" } });
  ids.users = contact.id;
  ids.organizations = (await db().organization.create({ data: { projectId, externalId: "acme", name: "Acme" } })).id;
  ids.channels = channel.id;
  ids.subscriptions = (await db().subscription.create({ data: { projectId, contactId: contact.id, channelId: channel.id } })).id;
  ids.messages = (await db().message.create({ data: { projectId, title: "Hi", body: "Hello", recipients: 0 } })).id;
  for (const type of RECORD_TYPES) ids[type] = (await db().record.create({ data: { projectId, type, name: `A ${type}`, data: "{}" } })).id;
});

afterEach(() => {
  // No body may reach Object.prototype (a `__proto__` key that was merged somewhere).
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Everything the API stores for the project (the audit log aside). */
async function snapshot() {
  return JSON.stringify(await storedResources(projectId));
}

type Send = { route: string; method: Method; id?: string; query?: string; body?: BodyInit; headers?: Record<string, string> };

async function send({ route, method, id, query = "", body, headers = {} }: Send): Promise<Response> {
  const mod = (await import(fileOf(route))) as Partial<Record<Method, Handler>>;
  const handler = mod[method];
  if (!handler) throw new Error(`${route} exports no ${method}`);
  const params: Record<string, string> = {};
  for (const [, name] of route.matchAll(/\{([^}]+)\}/g)) params[name] = id ?? "";
  const segment = (id ?? "").isWellFormed() ? encodeURIComponent(id ?? "") : "%ED%A0%80"; // a lone surrogate's bytes
  const url = `http://localhost/api/v1${route.replace(/\{[^}]+\}/g, segment)}${query}`;
  const init: RequestInit & { duplex?: "half" } = { method, headers: { "x-api-key": adminKey, "x-forwarded-for": IP, "content-type": "application/json", ...headers }, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return handler(new Request(url, init), { params: Promise.resolve(params) });
}

/** The §7 envelope: exactly {error: {code, message, details?}, requestId}, JSON, with the request id header. */
async function expectRefusal(res: Response, status: number, code: string, what: string) {
  const text = await res.text();
  expect(res.status, `${what}: ${text}`).toBe(status);
  expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
  const json = JSON.parse(text);
  expect(Object.keys(json).sort(), what).toEqual(["error", "requestId"]);
  expect(json.requestId, what).toBe(res.headers.get("x-request-id"));
  expect(json.error.code, what).toBe(code);
  expect(typeof json.error.message, what).toBe("string");
  expect(json.error.message.length, what).toBeGreaterThan(0);
  expect(
    Object.keys(json.error).every((k) => ["code", "message", "details"].includes(k)),
    what,
  ).toBe(true);
  expect(text, what).not.toMatch(/\n\s+at |node_modules|prisma/i);
  if (code === "validation_failed") {
    expect(Array.isArray(json.error.details?.issues), what).toBe(true);
    expect(json.error.details.issues.length, what).toBeGreaterThan(0);
    for (const issue of json.error.details.issues) {
      expect(typeof issue.path, what).toBe("string");
      expect(typeof issue.message, what).toBe("string");
    }
  }
  return json as { error: { code: string; message: string; details?: { issues: { path: string; message: string }[] } } };
}

// ---- The write routes and their fields (SPEC §7 "Bodies") -------------------------------------
type Kind = "text" | "multiline" | "email" | "datetime" | "id" | "slug" | "object" | "array";
type WriteRoute = { method: "POST" | "PATCH"; route: string; id?: string; base: () => Record<string, unknown>; fields: Record<string, Kind> };

const content = (resource: string): WriteRoute[] => [
  { method: "POST", route: `/${resource}`, base: () => ({ name: "Spring sale", data: { discount: 10 } }), fields: { name: "text", data: "object" } },
  { method: "PATCH", route: `/${resource}/{id}`, id: resource, base: () => ({ name: "Summer sale", data: { discount: 20 } }), fields: { name: "text", data: "object" } },
];
const connection = (resource: string): WriteRoute[] => [
  { method: "POST", route: `/${resource}`, base: () => ({ name: "Mail", type: "smtp", config: { host: "mail.example.com" } }), fields: { name: "text", type: "text", config: "object" } },
  { method: "PATCH", route: `/${resource}/{id}`, id: resource, base: () => ({ name: "Mail 2", type: "ses", config: { region: "eu" } }), fields: { name: "text", type: "text", config: "object" } },
];

const WRITES: WriteRoute[] = [
  {
    method: "POST",
    route: "/users",
    base: () => ({ externalId: "grace", name: "Grace", email: "grace@example.com", attributes: { plan: "pro" } }),
    fields: { externalId: "text", name: "text", email: "email", attributes: "object" },
  },
  {
    method: "PATCH",
    route: "/users/{id}",
    id: "users",
    base: () => ({ name: "Ada L.", email: "ada@example.com", attributes: { plan: "team" } }),
    fields: { name: "text", email: "email", attributes: "object" },
  },
  { method: "POST", route: "/organizations", base: () => ({ externalId: "globex", name: "Globex", attributes: { size: 10 } }), fields: { externalId: "text", name: "text", attributes: "object" } },
  { method: "PATCH", route: "/organizations/{id}", id: "organizations", base: () => ({ name: "Acme Inc", attributes: { size: 11 } }), fields: { name: "text", attributes: "object" } },
  {
    method: "POST",
    route: "/events",
    base: () => ({ name: "signed_up", userExternalId: "ada", properties: { source: "ad" }, timestamp: "2025-01-02T03:04:05Z" }),
    fields: { name: "text", userExternalId: "text", properties: "object", timestamp: "datetime" },
  },
  { method: "POST", route: "/subscriptions", base: () => ({ userId: ids.users, channel: "news" }), fields: { userId: "id", channel: "slug" } },
  ...["campaigns", "templates", "journeys", "lists", "tags", "documents", "locales", "actions"].flatMap(content),
  { method: "POST", route: "/channels", base: () => ({ name: "Alerts", slug: "alerts" }), fields: { name: "text", slug: "slug" } },
  { method: "PATCH", route: "/channels/{id}", id: "channels", base: () => ({ name: "Newsletter" }), fields: { name: "text" } },
  {
    method: "POST",
    route: "/messages",
    base: () => ({ title: "Hello", body: "Line one\nLine two", target: { channels: ["news"] } }),
    fields: { title: "text", body: "multiline", target: "object", "target.channels": "array" },
  },
  ...connection("providers"),
  ...connection("integrations"),
];

/** Values of the wrong JSON type for a field of each kind. */
const WRONG_TYPES: Record<Kind, unknown[]> = {
  text: [42, true, null, [], {}, ["x"]],
  multiline: [42, false, null, [], {}],
  email: [42, true, null, [], {}],
  datetime: [1735787045, true, null, [], {}],
  id: [42, true, null, [], {}],
  slug: [42, true, null, ["news"], {}],
  object: ["x", 42, true, null, [], [1, 2]],
  array: ["news", 42, true, null, {}, [42], [null]],
};

/** Strings no text field takes: control characters, lone surrogates, emptiness. */
const BAD_STRINGS: [string, string][] = [
  ["a NUL", "Ada\u0000"],
  ["a bell", "Ada\u0007"],
  ["an ANSI escape", "\u001b[31mAda"],
  ["a DEL", "Ada\u007f"],
  ["a lone high surrogate", "Ada\ud800"],
  ["a lone low surrogate", "\udc00Ada"],
  ["a reversed surrogate pair", "\udc00\ud800"],
  ["nothing", ""],
];
const SINGLE_LINE_BREAKS: [string, string][] = [
  ["a newline", "Ada\nLovelace"],
  ["a carriage return", "Ada\rLovelace"],
  ["a tab", "Ada\tLovelace"],
];

function setField(body: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = field.split(".");
  if (rest.length === 0) return { ...body, [head]: value };
  return { ...body, [head]: setField((body[head] as Record<string, unknown>) ?? {}, rest.join("."), value) };
}

const idFor = (w: WriteRoute) => (w.id ? ids[w.id] : undefined);
const label = (w: WriteRoute) => `${w.method} ${w.route}`;

describe("each write route refuses malformed bodies and writes nothing", () => {
  it("covers every POST and PATCH the API serves", async () => {
    const served: string[] = [];
    for (const { file, route } of FILES) {
      if (/^\/(admin|oauth)\//.test(route)) continue; // the admin API has its own tests
      const mod = (await import(file)) as Partial<Record<Method, Handler>>;
      for (const method of ["POST", "PATCH"] as const) {
        if (!mod[method]) continue;
        const res = await send({ route, method, id: route.includes("{id}") ? "none" : undefined, body: "{" });
        if (res.status !== 405) served.push(`${method} ${route}`);
      }
    }
    expect(served.sort()).toEqual(WRITES.map(label).sort());
  });

  for (const w of WRITES) {
    describe(label(w), () => {
      it("answers 400 invalid_json to a body that is not JSON", async () => {
        const before = await snapshot();
        const texts = ["{", '{"name": }', "{'name': 'x'}", '{"name":"x",}', "name=x&slug=y", '{"name":"x"} trailing', "", "   ", "\u0000", "NaN", '{"name":"x"', "\uFFFF"];
        for (const body of texts) await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w), body }), 400, "invalid_json", JSON.stringify(body));
        await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w) }), 400, "invalid_json", "no body at all");
        expect(await snapshot()).toBe(before);
      });

      it("answers 422 to JSON that is not an object", async () => {
        const before = await snapshot();
        for (const body of ["null", "[]", JSON.stringify([w.base()]), '"text"', "42", "true", "1e999"]) {
          await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w), body }), 422, "validation_failed", body);
        }
        expect(await snapshot()).toBe(before);
      });

      it("answers 422 naming the field when a field has the wrong type", async () => {
        const before = await snapshot();
        for (const [field, kind] of Object.entries(w.fields)) {
          for (const value of WRONG_TYPES[kind]) {
            const what = `${field} = ${JSON.stringify(value)}`;
            const json = await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w), body: JSON.stringify(setField(w.base(), field, value)) }), 422, "validation_failed", what);
            expect(
              json.error.details!.issues.some((i) => i.path === field || i.path.startsWith(`${field}.`)),
              `${what}: ${JSON.stringify(json.error.details)}`,
            ).toBe(true);
          }
        }
        expect(await snapshot()).toBe(before);
      });

      it("answers 422 naming each unknown field, __proto__ and constructor included", async () => {
        const before = await snapshot();
        const base = JSON.stringify(w.base()).slice(1);
        const bodies: [string, string][] = [
          ["isAdmin", JSON.stringify({ ...w.base(), isAdmin: true })],
          ["projectId", JSON.stringify({ ...w.base(), projectId: "another-project" })],
          ["id", JSON.stringify({ ...w.base(), id: "chosen-id" })],
          // Written by hand: an object literal's __proto__ would set the prototype, not a key.
          ["__proto__", `{"__proto__":{"polluted":true},${base}`],
          ["constructor", `{"constructor":{"prototype":{"polluted":true}},${base}`],
        ];
        for (const [field, body] of bodies) {
          const json = await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w), body }), 422, "validation_failed", field);
          expect(
            json.error.details!.issues.map((i) => i.path),
            field,
          ).toContain(field);
        }
        expect(await snapshot()).toBe(before);
      });

      it("answers 413 payload_too_large to a 2 MiB body, declared or not", async () => {
        const before = await snapshot();
        const huge = JSON.stringify(setField(w.base(), Object.keys(w.fields)[0], "a".repeat(2 * 1024 * 1024)));
        const size = String(Buffer.byteLength(huge));
        for (const headers of [{}, { "content-length": size }, { "content-length": "10" }] as Record<string, string>[]) {
          await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w), body: huge, headers }), 413, "payload_too_large", JSON.stringify(headers));
        }
        const streamed = new Blob([huge]).stream();
        const res = await send({ route: w.route, method: w.method, id: idFor(w), body: streamed as unknown as BodyInit });
        await expectRefusal(res, 413, "payload_too_large", "a streamed body");
        expect(await snapshot()).toBe(before);
      });

      const textFields = Object.entries(w.fields).filter(([, kind]) => kind !== "object" && kind !== "array");
      if (textFields.length > 0) {
        it("answers 422 to control characters, lone surrogates and empty strings in every string field", async () => {
          const before = await snapshot();
          for (const [field, kind] of textFields) {
            const bad = kind === "multiline" ? BAD_STRINGS : [...BAD_STRINGS, ...SINGLE_LINE_BREAKS];
            for (const [name, value] of bad) {
              const what = `${field} with ${name}`;
              const json = await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w), body: JSON.stringify(setField(w.base(), field, value)) }), 422, "validation_failed", what);
              expect(
                json.error.details!.issues.map((i) => i.path),
                what,
              ).toContain(field);
            }
          }
          expect(await snapshot()).toBe(before);
        });
      }

      const nameField = ["name", "title"].find((f) => w.fields[f] === "text");
      if (nameField) {
        it(`answers 422 to a ${nameField} over 200 characters`, async () => {
          const before = await snapshot();
          const json = await expectRefusal(
            await send({ route: w.route, method: w.method, id: idFor(w), body: JSON.stringify({ ...w.base(), [nameField]: "x".repeat(201) }) }),
            422,
            "validation_failed",
            "201 characters",
          );
          expect(json.error.details!.issues.map((i) => i.path)).toContain(nameField);
          expect(await snapshot()).toBe(before);
        });
      }

      const objectFields = Object.entries(w.fields).filter(([field, kind]) => kind === "object" && field !== "target");
      if (objectFields.length > 0) {
        it("answers 422 to __proto__ keys, lone surrogates, control characters and deep nesting inside free-form objects", async () => {
          const before = await snapshot();
          // The base body first, so the bad value (the last of two equal keys) is the one parsed.
          const withField = (field: string, raw: string) => `${JSON.stringify(w.base()).slice(0, -1)},"${field}":${raw}}`;
          for (const [field] of objectFields) {
            const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
            const bodies: [string, string][] = [
              ["__proto__ at the top", withField(field, `{"__proto__":{"polluted":true}}`)],
              ["__proto__ nested", withField(field, `{"a":{"b":[{"__proto__":{"polluted":true}}]}}`)],
              ["constructor.prototype", withField(field, `{"constructor":{"prototype":{"polluted":true}}}`)],
              ["a lone surrogate value", withField(field, `{"a":"x\\ud800"}`)],
              ["a lone surrogate key", withField(field, `{"\\udc00":1}`)],
              ["a NUL in a nested value", withField(field, `{"a":{"b":["ok","x\\u0000y"]}}`)],
              ["a bell in a value", withField(field, `{"a":"ding\\u0007"}`)],
              ["a NUL in a key", withField(field, `{"a\\u0000":1}`)],
              ["100,000 levels of arrays", withField(field, `{"a":${deep}}`)],
              ["21 levels of objects", withField(field, `${'{"a":'.repeat(21)}1${"}".repeat(21)}`)],
              ["101 keys", JSON.stringify({ ...w.base(), [field]: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) })],
              ["more than 64 KB", JSON.stringify({ ...w.base(), [field]: { a: "x".repeat(70_000) } })],
            ];
            for (const [name, body] of bodies) {
              const json = await expectRefusal(await send({ route: w.route, method: w.method, id: idFor(w), body }), 422, "validation_failed", `${field}: ${name}`);
              expect(
                json.error.details!.issues.map((i) => i.path),
                `${field}: ${name}`,
              ).toContain(field);
            }
          }
          expect(await snapshot()).toBe(before);
        });
      }
    });
  }
});

describe("event bodies", () => {
  const post = (body: unknown) => send({ route: "/events", method: "POST", body: JSON.stringify(body) });

  it("refuses a batch of 1001 events, or one bad event in a batch, writing none of them", async () => {
    const before = await snapshot();
    const events = Array.from({ length: 1001 }, (_, i) => ({ name: `e${i}` }));
    await expectRefusal(await post({ events }), 422, "validation_failed", "1001 events");
    const oneBad = events.slice(0, 1000).map((e, i) => (i === 500 ? { name: 500 } : e));
    const json = await expectRefusal(await post({ events: oneBad }), 422, "validation_failed", "one bad event");
    expect(json.error.details!.issues.map((i) => i.path)).toContain("events.500.name");
    await expectRefusal(await post({ events: [] }), 422, "validation_failed", "no events");
    await expectRefusal(await post({ events: [{ name: "ok" }], name: "also" }), 422, "validation_failed", "a batch with a stray field");
    expect(await snapshot()).toBe(before);
  });

  it("refuses timestamps that are not ISO 8601 date-times or lie outside what both engines store", async () => {
    const before = await snapshot();
    const bad = [
      "yesterday",
      "2025-02-30T00:00:00Z",
      "2025-01-01",
      "2025-01-01T25:00:00Z",
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00+01:00",
      "1899-12-31T23:59:59Z",
      "9999-12-31T23:59:59-01:00",
      "-000001-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "1e3",
      "",
    ];
    for (const timestamp of bad) {
      const json = await expectRefusal(await post({ name: "x", timestamp }), 422, "validation_failed", timestamp);
      expect(json.error.details!.issues.map((i) => i.path)).toContain("timestamp");
    }
    expect(await snapshot()).toBe(before);
    // The bounds themselves are stored, and read back unchanged, on both engines.
    for (const [timestamp, stored] of [
      ["1900-01-01T00:00:00Z", "1900-01-01T00:00:00.000Z"],
      ["9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"],
      ["2025-06-01T12:00:00+14:00", "2025-05-31T22:00:00.000Z"],
    ]) {
      const res = await post({ name: "edge", timestamp });
      expect(res.status, await res.clone().text()).toBe(201);
      expect((await res.json()).timestamp).toBe(stored);
    }
  });
});

describe("list routes", () => {
  const lists = FILES.filter((f) => !f.route.includes("{") && f.route !== "/me");
  const LIMITS = ["0", "-1", "101", "1.5", "abc", "1e400", "Infinity", "NaN", "99999999999999999999999", "", " ", "%00", "1;DROP TABLE x", "0x10000", "[]"];
  const CURSORS = ["' OR 1=1 --", '1; DROP TABLE "Contact"; --', "../../etc/passwd", "..%2F..%2Fetc", "%00", "a b", "é", "💥", "x".repeat(65), "x".repeat(10_000), "*", "%", "zzzzzzzz", "0"];

  it("find every list route", () => expect(lists.length).toBeGreaterThanOrEqual(16));

  for (const { file, route } of lists) {
    it(`answer 422 naming limit or cursor to absurd values on GET ${route}`, async () => {
      const mod = (await import(file)) as Partial<Record<Method, Handler>>;
      if (!mod.GET) return;
      const before = await snapshot();
      for (const [param, values] of [
        ["limit", LIMITS],
        ["cursor", CURSORS],
      ] as const) {
        for (const value of values) {
          const query = `?${param}=${encodeURIComponent(value)}`;
          const json = await expectRefusal(await send({ route, method: "GET", query }), 422, "validation_failed", query);
          expect(
            json.error.details!.issues.map((i) => i.path),
            query,
          ).toContain(param);
        }
      }
      // The bounds themselves are fine: the refusals above are about the values.
      for (const query of ["?limit=1", "?limit=100"]) {
        const res = await send({ route, method: "GET", query });
        expect(res.status, `${route}${query}: ${await res.clone().text()}`).toBe(200);
      }
      expect(await snapshot()).toBe(before);
    });
  }
});

describe("item routes", () => {
  const items = FILES.filter((f) => f.route.includes("{id}") && !/^\/(admin|oauth)\//.test(f.route));
  const IDS = [
    "1' OR '1'='1",
    '1; DROP TABLE "Contact"; --',
    '1 UNION SELECT * FROM "ApiKey"',
    "../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "..%2F..%2Fetc%2Fpasswd",
    "%",
    "_",
    "*",
    "null",
    "undefined",
    "0",
    "-1",
    "x".repeat(65),
    "x".repeat(10_000),
    "a\u0000b",
    "é",
    "💥",
    " ",
    "",
    "\ud800",
  ];

  it("find every item route", () => expect(items.length).toBeGreaterThanOrEqual(15));

  for (const { file, route } of items) {
    it(`answer 404 not_found to ids that look like SQL or paths on ${route}, and to another resource's id`, async () => {
      const mod = (await import(file)) as Partial<Record<Method, Handler>>;
      const resource = route.split("/")[1];
      const anotherResource = resource === "users" ? ids.campaigns : ids.users;
      const before = await snapshot();
      for (const method of ["GET", "PATCH", "DELETE"] as const) {
        if (!mod[method]) continue;
        const probe = await send({ route, method, id: "nothing-here", body: method === "PATCH" ? JSON.stringify({ name: "x" }) : undefined });
        if (probe.status === 405) continue;
        for (const id of [...IDS, anotherResource]) {
          const res = await send({ route, method, id, body: method === "PATCH" ? JSON.stringify({ name: "Renamed" }) : undefined });
          await expectRefusal(res, 404, "not_found", `${method} ${JSON.stringify(id.slice(0, 40))}`);
        }
      }
      expect(await snapshot()).toBe(before);
    });
  }
});

describe("the bodies above, made valid", () => {
  // The refusals are about the input: each route takes its base body (run last, as it writes).
  for (const w of WRITES) {
    it(`are accepted by ${label(w)}`, async () => {
      const res = await send({ route: w.route, method: w.method, id: idFor(w), body: JSON.stringify(w.base()) });
      expect(w.method === "POST" ? [200, 201] : [200], await res.clone().text()).toContain(res.status);
    });
  }
});
