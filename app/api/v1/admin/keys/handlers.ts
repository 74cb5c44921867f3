import "server-only";
import { z } from "zod";
import { apiRoute, json, type ApiContext } from "@/lib/api/handler";
import { etagOf, ifMatchVersions, noneMatchHolds, notModified, preconditionFailed, withIfMatch } from "@/lib/api/conditional";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/body";
import type { AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { idField } from "@/lib/validation";
import { StaleVersion } from "@/lib/errors";
import { pageFrom, pageResult } from "@/lib/api/pagination";
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

/** One key's answer: its fields, and its version as the ETag (SPEC §7). */
const keyResponse = (key: KeyRow, requestId: string) => json(keyDto(key), 200, requestId, { ETag: etagOf(key.version) });

/** How often a PATCH merges again when other edits keep landing between its read and its write. */
const MERGE_ATTEMPTS = 5;

async function keyIn(projectId: string, rawId: string) {
  const id = idField.safeParse(rawId);
  const detail = id.success ? await keyDetail(projectId, id.data) : null;
  if (!detail) throw new ApiError("not_found", "No API key with this id in this project.");
  return detail.key;
}

export const listKeysRoute = apiRoute(KEYS, async ({ key, req }) => {
  const page = pageFrom(new URL(req.url));
  return pageResult((await keysAfter(key.projectId, page)).map(keyDto), page);
});

// `lastUsedAt` and a time-derived `status` are readings, not edits: they do not move the version.
export const getKeyRoute = apiRoute<{ id: string }>(KEYS, async ({ key, params, req, requestId }) => {
  const found = await keyIn(key.projectId, params.id);
  return noneMatchHolds(req.headers, found.version) ? notModified(found.version, requestId) : keyResponse(found, requestId);
});

/** PATCH: only the fields sent change; channels are slugs, as everywhere in the API. */
export const patchSchema = z
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

/**
 * The patch is merged into the key as read, and written only over that version: an edit landing
 * in between makes it read and merge again (or, under If-Match, answer 412), so none is lost.
 */
export const patchKeyRoute = apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
  const ifMatch = ifMatchVersions(ctx.req.headers);
  let current = await keyIn(ctx.key.projectId, ctx.params.id);
  const patch = patchSchema.parse(await readJson(ctx.req));
  for (let attempt = 1; ; attempt++) {
    if (ifMatch && !ifMatch.includes(current.version)) throw preconditionFailed(current.version, ctx.req.headers);
    try {
      await applyPatch(ctx, current, patch);
      return keyResponse(await keyIn(ctx.key.projectId, current.id), ctx.requestId);
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
      if (attempt === MERGE_ATTEMPTS) throw new ApiError("conflict", "Other requests keep changing this key at the same moment; try again.");
      current = await keyIn(ctx.key.projectId, current.id);
    }
  }
});

async function applyPatch(ctx: ApiContext<{ id: string }>, current: KeyRow, patch: z.infer<typeof patchSchema>) {
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
  await updateKey(ctx.key.projectId, input, auditOf(ctx), [current.version]);
}

export const revokeKeyRoute = apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  await withIfMatch(ctx.req, (expected) => revokeKey(ctx.key.projectId, current.id, auditOf(ctx), expected));
  return keyResponse(await keyIn(ctx.key.projectId, current.id), ctx.requestId);
});

export const deleteKeyRoute = apiRoute<{ id: string }>(DELETE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  await withIfMatch(ctx.req, (expected) => deleteKey(ctx.key.projectId, current.id, auditOf(ctx), expected));
  return { id: current.id, deleted: true };
});
