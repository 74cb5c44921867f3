import "server-only";
import { z } from "zod";
import { apiRoute, type ApiContext } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/body";
import type { AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { idField } from "@/lib/validation";
import { PAGE_PARAMETERS, pageFrom, pageResult } from "@/lib/api/pagination";
import { keyDetail, keysAfter, type KeyRow } from "@/lib/keys/queries";
import { deleteKey, revokeKey, updateKey } from "@/lib/keys/service";
import { updateKeySchema } from "@/lib/keys/schemas";

// The admin API for keys (SPEC §3: admin role only), beside its routes: list, read, edit, revoke and delete the
// project's keys. Creating keys stays in the dashboard, where the secret is revealed once.

const KEYS = { resource: "keys", action: "read" } as const;
const MANAGE_KEYS = { resource: "keys", action: "update" } as const;
const DELETE_KEYS = { resource: "keys", action: "delete" } as const;

export type KeyDto = ReturnType<typeof keyDto>;

function keyDto(key: KeyRow) {
  return {
    id: key.id, name: key.name, description: key.description, kind: key.kind, role: key.role, scope: key.scope,
    channels: key.channels.map((c) => c.slug), permissions: key.permissions, preview: key.preview, status: key.status,
    rateLimit: key.rateLimit, replacedBy: key.replacedBy?.id ?? null, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt, expiresAt: key.expiresAt,
  };
}

const auditOf = ({ key, ip, req }: ApiContext<unknown>): AuditContext => ({
  actor: { type: "key", id: key.id, label: key.name },
  meta: { ip, userAgent: req.headers.get("user-agent") },
});

async function keyIn(projectId: string, rawId: string) {
  const id = idField.safeParse(rawId);
  const detail = id.success ? await keyDetail(projectId, id.data) : null;
  if (!detail) throw new ApiError("not_found", "No API key with this id in this project.");
  return detail.key;
}

export const listKeysRoute = apiRoute(
  KEYS,
  async ({ key, req }) => {
    const page = pageFrom(new URL(req.url), "admin/keys");
    return pageResult((await keysAfter(key.projectId, page)).map(keyDto), page);
  },
  { query: PAGE_PARAMETERS },
);

export const getKeyRoute = apiRoute<{ id: string }>(KEYS, async ({ key, params }) => keyDto(await keyIn(key.projectId, params.id)));

/** PATCH: only the fields sent change; channels are slugs, as everywhere in the API. */
const patchSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    role: z.string().optional(),
    scope: z.string().optional(),
    channels: z.array(z.string().max(50)).max(200).optional(),
    permissions: z.record(z.string(), z.string()).optional(),
    rateLimit: z.unknown().optional(),
  })
  .strict();

export const patchKeyRoute = apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  const patch = patchSchema.parse(await readJson(ctx.req));
  const slugs = patch.channels ?? current.channels.map((c) => c.slug);
  const found = await db().channel.findMany({ where: { projectId: ctx.key.projectId, slug: { in: slugs } }, select: { id: true, slug: true } });
  const unknown = slugs.filter((slug) => !found.some((c) => c.slug === slug));
  if (unknown.length) throw new ApiError("validation_failed", `Unknown channel slugs: ${unknown.join(", ")}.`, { channels: unknown });
  const input = updateKeySchema.parse({
    id: current.id,
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    role: patch.role ?? current.role,
    scope: patch.scope ?? current.scope,
    channels: found.map((c) => c.id),
    permissions: patch.permissions ?? current.permissions ?? undefined,
    ...("rateLimit" in patch ? { rateLimit: patch.rateLimit } : {}),
  });
  await updateKey(ctx.key.projectId, input, auditOf(ctx));
  return keyDto(await keyIn(ctx.key.projectId, current.id));
});

export const revokeKeyRoute = apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  await revokeKey(ctx.key.projectId, current.id, auditOf(ctx));
  return keyDto(await keyIn(ctx.key.projectId, current.id));
});

export const deleteKeyRoute = apiRoute<{ id: string }>(DELETE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  await deleteKey(ctx.key.projectId, current.id, auditOf(ctx));
  return { id: current.id, deleted: true };
});
