// POST /api/v1/credentials/revoke: report leaked credentials; every live secret key among them is revoked, the same answer whatever was found [no key]
import { json, optionsRoute, publicMethodNotAllowed, publicRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/body";
import { clientIp } from "@/lib/api/client-ip";
import { ApiError } from "@/lib/api/errors";
import { revokeReportedCredentials, takeLeakReport } from "@/lib/keys/leak-report";
import { leakReportSchema } from "@/lib/keys/schemas";

export const POST = publicRoute(async ({ req, requestId }) => {
  const ip = clientIp(req.headers);
  const retry = await takeLeakReport(ip ?? "unknown");
  if (retry > 0) throw new ApiError("rate_limited", `Too many reports from this address; try again in ${retry} seconds.`, undefined, { "Retry-After": String(retry) });
  const { credentials } = leakReportSchema.parse(await readJson(req));
  await revokeReportedCredentials(credentials, { ip, userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null });
  return json({ received: credentials.length }, 202, requestId);
});
export const GET = publicMethodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = optionsRoute(["POST"]);
