import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aProject } from "@/lib/testing/fixtures";
import { callApi, startServer, stopServers } from "@/lib/testing/production-server";
import { createKey } from "./service";

// SPEC §16: the IP allow list checks the client address as TRUST_PROXY_HOPS defines it. A production
// server behind one trusted proxy: the address that proxy saw (the last X-Forwarded-For entry) is
// the client's, and whatever the client wrote before it is not believed. Needs a build (.next).

let base = "";
beforeAll(async () => {
  base = (await startServer({ TRUST_PROXY_HOPS: "1" })).base;
}, 60_000);
afterAll(stopServers);

const from = (forwardedFor: string) => ({ headers: { "x-forwarded-for": forwardedFor } });

describe("an IP allow list behind one trusted proxy", () => {
  it("allows and refuses by the address the proxy saw, IPv4 and IPv6, whatever the client claimed", async () => {
    const { project, ctx } = await aProject();
    const { secret } = await createKey(
      project.id,
      { name: "Office", description: "", role: "support", scope: "all", channels: [], expires: "never", expiresOn: "", rateLimit: null, allowedIps: ["203.0.113.0/24", "2001:db8::/32"] },
      ctx,
    );
    expect((await callApi(base, "/me", secret, from("203.0.113.5"))).status).toBe(200);
    expect((await callApi(base, "/me", secret, from("2001:db8::7"))).status).toBe(200);
    // A client that writes an allowed address first is judged by the one the proxy appended.
    const spoofed = await callApi(base, "/me", secret, from("203.0.113.5, 198.51.100.1"));
    expect(spoofed.status).toBe(403);
    expect((await spoofed.json()).error.code).toBe("ip_not_allowed");
    expect((await callApi(base, "/me", secret, from("198.51.100.1, 203.0.113.5"))).status).toBe(200);
    expect((await callApi(base, "/me", secret, from("2001:db9::1"))).status).toBe(403);
  });
});
