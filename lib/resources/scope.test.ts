import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { assertAllScope, messageInScope, resolveTarget } from "./scope";

const project = new Set(["marketing", "news", "vip"]);
const all = { scope: "all", channels: [] };
const scoped = { scope: "channels", channels: ["marketing", "news"] };

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error("expected a refusal");
}

describe("channel scope", () => {
  it("an all-recipients key without a target addresses everyone", () => {
    expect(resolveTarget(all, undefined, project)).toEqual({ everyone: true });
  });

  it("an all-recipients key with a target addresses only those channels", () => {
    expect(resolveTarget(all, ["vip", "news", "vip"], project)).toEqual({ everyone: false, channels: ["news", "vip"] });
  });

  it("a channel-scoped key without a target addresses its own channels", () => {
    expect(resolveTarget(scoped, undefined, project)).toEqual({ everyone: false, channels: ["marketing", "news"] });
  });

  it("a channel-scoped key may address a subset of its channels", () => {
    expect(resolveTarget(scoped, ["news"], project)).toEqual({ everyone: false, channels: ["news"] });
  });

  it("refuses channels outside the key's scope with scope_violation naming them", () => {
    const error = refusal(() => resolveTarget(scoped, ["news", "vip"], project));
    expect(error.code).toBe("scope_violation");
    expect(error.details).toEqual({ channels: ["vip"] });
    expect(error.message).toContain("vip");
  });

  it("a channel-scoped key gets scope_violation for any slug outside its scope, known or not", () => {
    const error = refusal(() => resolveTarget(scoped, ["nope", "vip", "news"], project));
    expect(error.code).toBe("scope_violation");
    expect(error.details).toEqual({ channels: ["nope", "vip"] });
  });

  it("refuses unknown slugs with validation_failed naming them, for an all-scope key or a slug within the scope", () => {
    const error = refusal(() => resolveTarget(all, ["nope", "vip"], project));
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual({ issues: [{ path: "target.channels", message: 'unknown channel "nope"' }] });
    const gone = refusal(() => resolveTarget({ scope: "channels", channels: ["news", "gone"] }, ["gone"], project));
    expect(gone.code).toBe("validation_failed");
  });
});

describe("what a key sees and manages", () => {
  it("an all-scope key sees every message; a scoped key those naming one of its slugs as a whole element", () => {
    expect(messageInScope(all)).toBeUndefined();
    expect(messageInScope({ scope: "channels", channels: ["news"] })).toEqual({
      OR: [{ channels: "news" }, { channels: { startsWith: "news," } }, { channels: { endsWith: ",news" } }, { channels: { contains: ",news," } }],
    });
    expect(messageInScope(scoped)?.OR).toHaveLength(8);
  });

  it("only an all-scope key creates channels", () => {
    expect(() => assertAllScope(all)).not.toThrow();
    expect(refusal(() => assertAllScope(scoped)).code).toBe("scope_violation");
  });
});
