// GET /p/<slug>/settings/audit-log/export: the filtered audit log as a CSV download [any member]
import { zodIssues } from "@/lib/api/errors";
import { memberRoute, problem } from "@/lib/auth/member-route";
import { allAuditEntries } from "@/lib/audit/queries";
import { auditCsvStream } from "@/lib/audit/csv";
import { parseAuditQuery } from "@/lib/audit/schemas";

export const GET = memberRoute("viewer", async ({ req, project }) => {
  const parsed = parseAuditQuery(new URL(req.url).searchParams);
  if (!parsed.success) return problem(422, "validation_failed", "The filters are not valid.", { issues: zodIssues(parsed.error) });
  const { action, actor, from, to } = parsed.data;
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(auditCsvStream(allAuditEntries(project.id, { action, actor, from, to })), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // The slug is [a-z0-9-] only, so it is safe inside the quoted file name.
      "Content-Disposition": `attachment; filename="audit-log-${project.slug}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
