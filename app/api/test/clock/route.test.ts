import { afterEach, describe, expect, it } from "vitest";
import { POST } from "./route";
import { now, setClockOffsetForTests } from "@/lib/clock";

const move = (offsetMs: unknown) =>
  POST(new Request("http://localhost/api/test/clock", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ offsetMs }) }), { params: Promise.resolve({}) });

afterEach(() => {
  delete process.env.LATCHKEY_TEST_CLOCK;
  setClockOffsetForTests(0);
});

describe("the test clock route", () => {
  it("does not exist unless the server was started with LATCHKEY_TEST_CLOCK=1", async () => {
    const res = await move(3_600_000);
    expect(res.status).toBe(404);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("moves the clock when enabled, and refuses nonsense", async () => {
    process.env.LATCHKEY_TEST_CLOCK = "1";
    expect((await move(3_600_000)).status).toBe(200);
    expect(now().getTime() - Date.now()).toBeGreaterThan(3_590_000);
    expect((await move(-5)).status).toBe(422);
  });
});
