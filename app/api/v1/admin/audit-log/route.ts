// GET /api/v1/admin/audit-log: the key's project's audit entries, newest first, filtered by action, actor and time [admin]; other methods 405
import { apiRoute, methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { ApiError, zodIssues } from "@/lib/api/errors";
import { listAuditEntries } from "@/lib/audit/queries";
import { AUDIT_QUERY_PARAMETERS, parseAuditQuery } from "@/lib/audit/schemas";

export const GET = apiRoute(
  { resource: "audit_log", action: "read" },
  async ({ req, key }) => {
    const parsed = parseAuditQuery(new URL(req.url).searchParams);
    if (!parsed.success) throw new ApiError("validation_failed", "The audit-log parameters are not valid.", { issues: zodIssues(parsed.error) });
    const { limit, cursor, ...filters } = parsed.data;
    return listAuditEntries(key.projectId, filters, { limit, cursor });
  },
  { query: AUDIT_QUERY_PARAMETERS },
);

// The log is written only by the changes it records: every other method is 405 in the envelope.
const readOnly = methodNotAllowed(["GET"]);

export const POST = readOnly;
export const PUT = readOnly;
export const PATCH = readOnly;
export const DELETE = readOnly;
export const OPTIONS = optionsRoute(["GET"]);
