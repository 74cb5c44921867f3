import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import path from "node:path";
import { setLimiters } from "@/lib/limits/factory";
import { authOptions } from "./options";
import { aProject } from "@/lib/testing/fixtures";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

describe("credentials sign-in", () => {
  it("signs in with the right password and refuses a wrong one", async () => {
    const { email, userId } = await aProject();
    const req = { headers: { "x-forwarded-for": "192.0.2.77" } };
    expect(await authorize({ email, password: "correct horse battery" }, req)).toMatchObject({ id: userId });
    expect(await authorize({ email, password: "wrong" }, req)).toBeNull();
    expect(await authorize({ email: "nobody@example.com", password: "correct horse battery" }, req)).toBeNull();
  });

  it("after ten wrong passwords from one address, refuses that address with the real message and signs the owner in at once from another", async () => {
    const { email, userId } = await aProject();
    const stranger = { headers: { "x-forwarded-for": "198.18.0.1" } };
    const refusals: string[] = [];
    for (let i = 0; i < 10; i++) await authorize({ email, password: `guess-${i}` }, stranger).catch((error: Error) => refusals.push(error.message));
    expect(refusals.length).toBeGreaterThan(0);
    for (const message of refusals) expect(message).toMatch(/^Too many sign-in attempts\. Try again in \d+ (seconds?|minutes?)\.$/);
    await expect(authorize({ email, password: "correct horse battery" }, stranger)).rejects.toThrow(/Too many sign-in attempts/);
    expect(await authorize({ email, password: "correct horse battery" }, { headers: { "x-forwarded-for": "198.18.1.1" } })).toMatchObject({ id: userId });
  });

  it("gives the real refusal when the limiter comes from another bundled copy of rate-limiter-flexible", async () => {
    const { email } = await aProject();
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve("rate-limiter-flexible/package.json"));
    for (const file of Object.keys(require.cache)) if (file.startsWith(root)) delete require.cache[file];
    const copy: typeof import("rate-limiter-flexible") = require("rate-limiter-flexible");
    const made = new Map<string, InstanceType<typeof copy.RateLimiterMemory>>();
    setLimiters({
      limiter: (name, policy) => made.get(name) ?? made.set(name, new copy.RateLimiterMemory(policy)).get(name)!,
      ready: Promise.resolve(),
      shared: () => false,
      redis: () => null,
      close: () => {},
    });
    try {
      const req = { headers: { "x-forwarded-for": "198.18.2.1" } };
      for (let i = 0; i < 5; i++) expect(await authorize({ email, password: `guess-${i}` }, req)).toBeNull();
      await expect(authorize({ email, password: "correct horse battery" }, req)).rejects.toThrow("Too many sign-in attempts. Try again in 30 seconds.");
    } finally {
      setLimiters(undefined);
    }
  });
});
