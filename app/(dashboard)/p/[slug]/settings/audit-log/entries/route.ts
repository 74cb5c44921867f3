// GET /p/<slug>/settings/audit-log/entries: one page of the audit log for the dashboard's table [any member]
import { zodIssues } from "@/lib/api/errors";
import { memberRoute, problem } from "@/lib/auth/member-route";
import { listAuditEntries } from "@/lib/audit/queries";
import { parseAuditQuery } from "@/lib/audit/schemas";

export const GET = memberRoute("viewer", async ({ req, project }) => {
  const parsed = parseAuditQuery(new URL(req.url).searchParams);
  if (!parsed.success) return problem(422, "validation_failed", "The filters are not valid.", { issues: zodIssues(parsed.error) });
  const { limit, cursor, ...filters } = parsed.data;
  return Response.json(await listAuditEntries(project.id, filters, { limit, cursor }), { headers: { "Cache-Control": "no-store" } });
});
