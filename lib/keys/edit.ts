import "server-only";
import { db } from "@/lib/db";
import type { AuditContext } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { editConflict, refusingStaleEdits } from "@/lib/edit-conflict";
import { API_KEY } from "./format";
import { updateKeySchema, type KeyEdit } from "./schemas";
import { updateKey } from "./service";
import { RESTRICTION_FIELDS, listOf } from "./restrictions";

/**
 * The dashboard's Edit form (SPEC §6): the fields the person changed, over the key as it was when
 * the form was opened. A key changed since (another tab, another admin, the API) is refused with
 * who changed it and when; nothing is overwritten.
 */
export async function editKey(projectId: string, { id, version, ...changed }: KeyEdit, ctx: AuditContext) {
  const target = { type: "api_key", id };
  const current = await db().apiKey.findFirst({
    where: { id, projectId, kind: API_KEY },
    select: {
      name: true,
      description: true,
      role: true,
      scope: true,
      permissions: true,
      rateLimit: true,
      version: true,
      ...RESTRICTION_FIELDS,
      channels: { select: { channelId: true } },
    },
  });
  if (!current) throw notFound("API key");
  if (current.version !== version) throw await editConflict("key", projectId, target);
  const sent = Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined));
  const input = updateKeySchema.parse({
    id,
    name: current.name,
    description: current.description,
    role: current.role,
    scope: current.scope,
    channels: current.channels.map((c) => c.channelId),
    permissions: current.permissions ? JSON.parse(current.permissions) : undefined,
    allowedIps: listOf(current.allowedIps),
    ipReportOnly: current.ipReportOnly,
    allowedOrigins: listOf(current.allowedOrigins),
    quota: current.quota,
    quotaPeriod: current.quotaPeriod ?? undefined,
    ...sent,
  });
  // The version is checked again in the write, so an edit landing after the read above is refused too.
  return refusingStaleEdits("key", projectId, target, () => updateKey(projectId, input, ctx, [version]));
}
