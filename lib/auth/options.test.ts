import { describe, expect, it } from "vitest";
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

  it("refuses even the right password once an e-mail has had ten failures", async () => {
    const { email } = await aProject();
    for (let i = 0; i < 10; i++) {
      expect(await authorize({ email, password: `guess-${i}` }, { headers: { "x-forwarded-for": `198.18.0.${i}` } })).toBeNull();
    }
    await expect(authorize({ email, password: "correct horse battery" }, { headers: { "x-forwarded-for": "198.18.1.1" } })).rejects.toThrow(
      /Too many sign-in attempts/,
    );
  });
});
