import "server-only";
import { apiRoute, json, type ApiContext } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/body";
import type { AuditContext } from "@/lib/audit/record";
import { idField } from "@/lib/validation";
import { PAGE_PARAMETERS, pageFrom, pageResult } from "@/lib/api/pagination";
import { memberEntryIn, membersAfter } from "@/lib/members/queries";
import { addMember, cancelInvitation, changeMemberRole, removeMember, type Caller } from "@/lib/members/service";
import { memberCreateSchema, memberPatchSchema } from "@/lib/members/schemas";

// The admin API for members (SPEC §7: admin keys only), beside its routes: list, provision by
// e-mail, change role and remove, through the dashboard's service functions with the key as the
// caller, so the rules (lib/members/rules.ts: an admin key never touches an owner, nor an admin
// when it is held to channels or a rate limit), the last-owner guard, the hourly invitation cap,
// the audit entries and the e-mails are the dashboard's. An invitation's link is e-mailed, never
// answered. Memberships have no version column: no ETag or If-Match here.

const MEMBERS = { resource: "members", action: "read" } as const;
const ADD_MEMBERS = { resource: "members", action: "create" } as const;
const CHANGE_MEMBERS = { resource: "members", action: "update" } as const;
const REMOVE_MEMBERS = { resource: "members", action: "delete" } as const;

const auditOf = ({ key, ip, req }: ApiContext<unknown>): AuditContext => ({
  actor: { type: "key", id: key.id, label: key.name },
  meta: { ip, userAgent: req.headers.get("user-agent") },
});
const callerOf = ({ key }: ApiContext<unknown>): Caller => ({
  apiKey: { id: key.id, name: key.name, role: key.role, permissions: key.permissions, scope: key.scope, channels: key.channels, rateLimit: key.rateLimit },
});

async function entryIn(projectId: string, rawId: string) {
  const id = idField.safeParse(rawId);
  const entry = id.success ? await memberEntryIn(projectId, id.data) : null;
  if (!entry) throw new ApiError("not_found", "No member or invitation with this id in this project.");
  return entry;
}

export const listMembersRoute = apiRoute(
  MEMBERS,
  async ({ key, req }) => {
    const page = pageFrom(new URL(req.url), "admin/members");
    return pageResult(await membersAfter(key.projectId, page), page);
  },
  { query: PAGE_PARAMETERS },
);

export const getMemberRoute = apiRoute<{ id: string }>(MEMBERS, async ({ key, params }) => entryIn(key.projectId, params.id));

/** A person with a verified account becomes a member at once; anyone else is invited by a mailed link. */
export const addMemberRoute = apiRoute(ADD_MEMBERS, async (ctx) => {
  const input = memberCreateSchema.parse(await readJson(ctx.req));
  const added = await addMember(ctx.key.projectId, input, auditOf(ctx), callerOf(ctx));
  return json(await entryIn(ctx.key.projectId, added.id), 201, ctx.requestId, { Location: `/api/v1/admin/members/${added.id}` });
});

export const patchMemberRoute = apiRoute<{ id: string }>(CHANGE_MEMBERS, async (ctx) => {
  const current = await entryIn(ctx.key.projectId, ctx.params.id);
  const { role } = memberPatchSchema.parse(await readJson(ctx.req));
  if (current.status === "invited") throw new ApiError("conflict", "An invitation's role cannot be changed: delete it and invite again with the new role.");
  await changeMemberRole(ctx.key.projectId, { id: current.id, role }, auditOf(ctx), callerOf(ctx));
  return entryIn(ctx.key.projectId, current.id);
});

/** Removes a member, or cancels a pending invitation. */
export const removeMemberRoute = apiRoute<{ id: string }>(REMOVE_MEMBERS, async (ctx) => {
  const current = await entryIn(ctx.key.projectId, ctx.params.id);
  const remove = current.status === "member" ? removeMember : cancelInvitation;
  await remove(ctx.key.projectId, { id: current.id }, auditOf(ctx), callerOf(ctx));
  return new Response(null, { status: 204 });
});
