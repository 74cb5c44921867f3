import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { ApiError, errorBody } from "@/lib/api/errors";
import { emailField } from "@/lib/users/schemas";
import * as users from "@/app/api/v1/users/route";
import * as keyRoute from "@/app/api/v1/admin/keys/[id]/route";

// SPEC §7 strictness: RFC 1035 e-mail domains, and one shape for validation_failed.

let projectId = "";
let admin = "";
let supportKeyId = "";
beforeAll(async () => {
  const { project, ctx } = await aProject("Strict");
  projectId = project.id;
  admin = (await aKey(ctx, projectId, "admin")).secret;
  supportKeyId = (await aKey(ctx, projectId, "support")).key.id;
});

const send = (mod: Record<string, unknown>, method: string, path: string, body: unknown, params: Record<string, string> = {}) =>
  (mod[method] as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>)(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, "x-forwarded-for": "198.51.100.143", "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );

describe("e-mail addresses", () => {
  const BAD = ["ada@mail-.example.com", "ada@-mail.example.com", "ada@mail.-example.com", `ada@${"a".repeat(64)}.com`, "ada@example.c0m"];

  it("are refused with 422 naming email when a domain label starts or ends with a hyphen or is over 63 characters", async () => {
    for (const email of BAD) {
      const res = await send(users, "POST", "/users", { externalId: `m-${email.length}`, email });
      expect(res.status, email).toBe(422);
      const body = await res.json();
      expect(
        body.error.details.issues.map((i: { path: string }) => i.path),
        email,
      ).toEqual(["email"]);
    }
    expect(await db().contact.count({ where: { projectId } })).toBe(0);
  });

  it("are accepted with ordinary domains, and the account e-mail follows the same rule", async () => {
    for (const email of ["ada@mail.example.com", "a.b+c@x-y.co", `ada@${"a".repeat(63)}.com`]) {
      expect((await send(users, "POST", "/users", { externalId: email, email })).status, email).toBe(201);
    }
    expect(emailField.safeParse("ada@mail-.example.com").success).toBe(false);
    expect(emailField.safeParse("Ada@Mail.Example.com").success).toBe(true);
  });
});

describe("validation_failed", () => {
  it("always carries details.issues [{path, message}], whoever raised it", () => {
    const body = errorBody(new ApiError("validation_failed", "Unknown channel slugs: nope.", { channels: ["nope"] }), "req_1");
    expect(body.error.details).toEqual({ issues: [{ path: "", message: "Unknown channel slugs: nope." }] });
    expect(errorBody(new ApiError("validation_failed", "Bad."), "req_2").error.details).toEqual({ issues: [{ path: "", message: "Bad." }] });
  });

  it("has that shape on PATCH /admin/keys/{id} with an unknown channel", async () => {
    const res = await send(keyRoute, "PATCH", `/admin/keys/${supportKeyId}`, { scope: "channels", channels: ["nope"] }, { id: supportKeyId });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details.issues).toEqual([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]);
  });
});
