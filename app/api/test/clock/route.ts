// POST /api/test/clock {"offsetMs"}: moves this server's clock, for browser tests only. It exists
// only when the server was started with LATCHKEY_TEST_CLOCK=1 (the Playwright config does); any
// other server answers 404 as if the route did not exist.
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { publicRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/body";
import { clockControlEnabled, now, setClockOffsetForTests } from "@/lib/clock";

const body = z.strictObject({
  offsetMs: z
    .number()
    .int()
    .min(0)
    .max(400 * 86_400_000),
});

export const POST = publicRoute(async ({ req }) => {
  if (!clockControlEnabled()) throw new ApiError("not_found", "Not found.");
  const { offsetMs } = body.parse(await readJson(req));
  setClockOffsetForTests(offsetMs);
  return { now: now().toISOString() };
});
