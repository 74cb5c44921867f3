import { describe, expect, it } from "vitest";
import { checkIpList, checkOriginList, compileIpMatcher } from "./restrictions";
import { compileRestrictions, decidePlace } from "./restriction-check";

const ok = (input: string | string[]) => {
  const result = checkIpList(input);
  if (!result.ok) throw new Error(result.message);
  return result.values;
};
const refused = (input: string | string[]) => {
  const result = checkIpList(input);
  return result.ok ? null : result.message;
};

describe("allowed IP addresses: what an admin types", () => {
  it("keeps IPv4, IPv6 and CIDR ranges in one normalised form, one per line, blanks and repeats dropped", () => {
    expect(ok("203.0.113.7\n\n 10.0.0.0/8 \r\n2001:DB8:0:0::1\n2001:db8::/32\n10.1.2.3/8\n203.0.113.7")).toEqual(["203.0.113.7/32", "10.0.0.0/8", "2001:db8::1/128", "2001:db8::/32"]);
    expect(ok(["::ffff:192.0.2.9", "::ffff:192.0.2.0/120"])).toEqual(["192.0.2.9/32", "192.0.2.0/24"]);
    expect(ok("")).toEqual([]);
  });

  it("refuses what is not an address or range, naming it", () => {
    expect(refused("10.0.0.0/33")).toContain("“10.0.0.0/33” is not an IPv4 or IPv6 address or CIDR range");
    expect(refused("::ffff:1.2.3.4/200")).toContain("“::ffff:1.2.3.4/200”");
    expect(refused("2001:db8::/129")).not.toBeNull();
    for (const bad of ["10.1", "0x0a.0.0.1", "999.1.1.1", "10.0.0.0/8/8", "10.0.0.0/-1", "10.0.0.0/ 8", "example.com", "1.2.3.4; DROP", "10.0.0.0/08x"]) {
      expect([bad, refused(bad)]).toEqual([bad, expect.any(String)]);
    }
    expect(refused(Array.from({ length: 10_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`))).toBe("At most 200 addresses or ranges (10,000 given): use wider ranges.");
  });

  it("matches an address against the compiled ranges, IPv4 and IPv6, and never an unknown one", () => {
    const allows = compileIpMatcher(ok("203.0.113.0/24\n2001:db8::/32\n198.51.100.7"));
    expect(["203.0.113.1", "203.0.113.255", "198.51.100.7", "2001:db8::1", "2001:db8:ffff::9", "::ffff:203.0.113.9"].map(allows)).toEqual([true, true, true, true, true, true]);
    expect(["203.0.114.1", "198.51.100.8", "2001:db9::1", "::1", "127.0.0.1", null, "", "not-an-ip", "203.0.113"].map(allows)).toEqual(Array(9).fill(false));
    expect(compileIpMatcher(["0.0.0.0/0"])("192.0.2.1")).toBe(true);
    expect(compileIpMatcher(["0.0.0.0/0"])("2001:db8::1")).toBe(false);
  });
});

describe("allowed origins", () => {
  it("keeps scheme, host and port only, normalised", () => {
    expect(checkOriginList("https://App.Example.com\nhttp://localhost:3000/\nhttps://app.example.com:443")).toEqual({ ok: true, values: ["https://app.example.com", "http://localhost:3000"] });
  });

  it("refuses a path, credentials, a wildcard, null and other schemes, and too many", () => {
    for (const bad of [
      "https://app.example.com/path",
      "https://user:pw@app.example.com",
      "https://*.example.com",
      "null",
      "ftp://example.com",
      "app.example.com",
      "https://a.example.com?x=1",
      "javascript:alert(1)",
    ]) {
      expect([bad, checkOriginList(bad).ok]).toEqual([bad, false]);
    }
    expect(checkOriginList(Array.from({ length: 51 }, (_, i) => `https://a${i}.example.com`)).ok).toBe(false);
  });
});

describe("where a key may be used from", () => {
  const restricted = compileRestrictions({ allowedIps: "203.0.113.0/24", ipReportOnly: false, allowedOrigins: "", quota: null, quotaPeriod: null });
  const place = (ip: string | null, extra: Partial<{ origin: string | null; browser: boolean }> = {}) => ({ ip, origin: null, browser: false, ...extra });

  it("refuses an address outside the list, or only reports it in report-only mode", () => {
    expect(decidePlace({ kind: "sk", restrictions: restricted }, place("203.0.113.5"))).toEqual({ allowed: true, reportIp: false, corsOrigin: null });
    expect(decidePlace({ kind: "sk", restrictions: restricted }, place("192.0.2.1"))).toMatchObject({ allowed: false, code: "ip_not_allowed" });
    const reportOnly = compileRestrictions({ allowedIps: "203.0.113.0/24", ipReportOnly: true, allowedOrigins: "", quota: null, quotaPeriod: null });
    expect(decidePlace({ kind: "sk", restrictions: reportOnly }, place("192.0.2.1"))).toEqual({ allowed: true, reportIp: true, corsOrigin: null });
  });

  it("refuses a secret key sent by a browser whatever else holds, and a forged header only ever refuses", () => {
    expect(decidePlace({ kind: "sk", restrictions: null }, place("203.0.113.5", { browser: true }))).toMatchObject({ allowed: false, code: "secret_key_in_browser" });
    expect(decidePlace({ kind: "at", restrictions: null }, place("203.0.113.5", { browser: true }))).toMatchObject({ allowed: false, code: "secret_key_in_browser" });
    expect(decidePlace({ kind: "pk", restrictions: null }, place("203.0.113.5", { browser: true }))).toMatchObject({ allowed: true });
    expect(decidePlace({ kind: "sk", restrictions: restricted }, place("192.0.2.1", { browser: true }))).toMatchObject({ allowed: false, code: "secret_key_in_browser" });
  });

  it("lets a publishable key be used from its origins only, and echoes the allowed one", () => {
    const pk = { kind: "pk", restrictions: compileRestrictions({ allowedIps: "", ipReportOnly: false, allowedOrigins: "https://app.example.com", quota: null, quotaPeriod: null }) };
    expect(decidePlace(pk, place("192.0.2.1", { origin: "https://app.example.com", browser: true }))).toEqual({ allowed: true, reportIp: false, corsOrigin: "https://app.example.com" });
    expect(decidePlace(pk, place("192.0.2.1", { origin: "https://evil.example", browser: true }))).toMatchObject({ allowed: false, code: "origin_not_allowed" });
    expect(decidePlace(pk, place("192.0.2.1", { origin: "null", browser: true }))).toMatchObject({ allowed: false, code: "origin_not_allowed" });
    expect(decidePlace(pk, place("192.0.2.1"))).toEqual({ allowed: true, reportIp: false, corsOrigin: null }); // a server: no Origin
  });

  it("compiles nothing for a key without restrictions", () => {
    expect(compileRestrictions({ allowedIps: "", ipReportOnly: false, allowedOrigins: "", quota: null, quotaPeriod: null })).toBeNull();
    expect(compileRestrictions({ allowedIps: "", ipReportOnly: false, allowedOrigins: "", quota: 10, quotaPeriod: "week" })).toBeNull();
  });
});
