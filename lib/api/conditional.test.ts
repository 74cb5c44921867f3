import { describe, expect, it } from "vitest";
import { StaleVersion } from "@/lib/errors";
import { etagOf, ifMatchVersions, noneMatchHolds, notModified, parseEntityTags, preconditionFailed, withIfMatch } from "./conditional";

const headers = (init: Record<string, string>) => new Headers(init);

describe("entity-tag lists (RFC 9110 §8.8.3, §13.1)", () => {
  it("reads *, strong and weak tags, lists with spaces and empty members", () => {
    expect(parseEntityTags("*")).toBe("*");
    expect(parseEntityTags('"4"')).toEqual([{ weak: false, tag: "4" }]);
    expect(parseEntityTags('W/"4"')).toEqual([{ weak: true, tag: "4" }]);
    expect(parseEntityTags(' "1" ,W/"2",, "" ')).toEqual([
      { weak: false, tag: "1" },
      { weak: true, tag: "2" },
      { weak: false, tag: "" },
    ]);
  });

  it("refuses what is not a list of entity-tags: unquoted, unterminated, junk after a tag, * inside a list", () => {
    for (const value of ["4", '"4', '"4"x', 'w/"4"', '"a b"', '*, "1"', "", " , "]) expect(parseEntityTags(value), value).toBeNull();
  });

  it("formats a version as a strong, quoted ETag", () => {
    expect(etagOf(12)).toBe('"12"');
  });
});

describe("If-Match", () => {
  it("is no condition when absent or *, else the strong decimal versions it names", () => {
    expect(ifMatchVersions(headers({}))).toBeUndefined();
    expect(ifMatchVersions(headers({ "if-match": "*" }))).toBeUndefined();
    expect(ifMatchVersions(headers({ "if-match": '"3", "5"' }))).toEqual([3, 5]);
  });

  it("never matches a weak tag, a tag that is no version of ours, or a malformed header", () => {
    for (const value of ['W/"3"', '"abc"', '"03"', '"99999999999"', "3", "garbage"]) {
      expect(ifMatchVersions(headers({ "if-match": value })), value).toEqual([]);
    }
  });

  it("turns a stale version into 412 precondition_failed naming the current version", async () => {
    const req = new Request("http://localhost/x", { headers: { "if-match": '"2"' } });
    const error = await withIfMatch(req, async (expected) => {
      expect(expected).toEqual([2]);
      throw new StaleVersion(4);
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "precondition_failed", status: 412 });
    expect((error as Error).message).toBe("This object changed since you read it (it is now version 4); fetch it again and retry.");
  });

  it("says why when the header could never match", () => {
    expect(preconditionFailed(4, headers({ "if-match": 'W/"4"' })).message).toMatch(/strong comparison.*version 4, ETag "4"/);
    expect(preconditionFailed(4, headers({ "if-match": "4" })).message).toMatch(/quoted entity-tags.*version 4, ETag "4"/);
  });
});

describe("If-None-Match", () => {
  it("holds for the current version, weakly compared, or *; not for another, a malformed value or none", () => {
    expect(noneMatchHolds(headers({ "if-none-match": '"4"' }), 4)).toBe(true);
    expect(noneMatchHolds(headers({ "if-none-match": 'W/"4"' }), 4)).toBe(true);
    expect(noneMatchHolds(headers({ "if-none-match": '"1", "4"' }), 4)).toBe(true);
    expect(noneMatchHolds(headers({ "if-none-match": "*" }), 4)).toBe(true);
    expect(noneMatchHolds(headers({ "if-none-match": '"3"' }), 4)).toBe(false);
    expect(noneMatchHolds(headers({ "if-none-match": "4" }), 4)).toBe(false);
    expect(noneMatchHolds(headers({}), 4)).toBe(false);
  });

  it("answers 304 with the ETag and the request id, and no body", async () => {
    const res = notModified(4, "req-1");
    expect([res.status, res.headers.get("etag"), res.headers.get("x-request-id")]).toEqual([304, '"4"', "req-1"]);
    expect(await res.text()).toBe("");
  });
});
