import "server-only";
import type { z } from "zod";
import { apiRoute, json, type ApiContext } from "@/lib/api/handler";
import { etagOf, ifMatchVersions, noneMatchHolds, notModified, preconditionFailed } from "@/lib/api/conditional";
import { ApiError } from "@/lib/api/errors";
import { readJson } from "@/lib/api/body";
import type { AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { idField } from "@/lib/validation";
import { StaleVersion } from "@/lib/errors";
import { RACED, retryWhileRaced } from "@/lib/versioned-write";
import { PAGE_PARAMETERS, pageFrom, pageResult } from "@/lib/api/pagination";
import { keyDetail, keysAfter, type KeyRow } from "@/lib/keys/queries";
import { createKey, deleteKey, disableKey, enableKey, revokeKey, rotateKey, updateKey } from "@/lib/keys/service";
import { createKeySchema, keyCreateSchema, keyPatchSchema, rotateKeySchema, updateKeySchema } from "@/lib/keys/schemas";
import { withholdOnReplay } from "@/lib/api/idempotency";
import { grantExcess, heldExcess, type GrantRestrictions } from "@/lib/keys/grant-bounds";
import type { CustomPermissions } from "@/lib/permissions";

// The admin API for keys (SPEC §3: admin role only), beside its routes: list, create, read, edit,
// rotate, disable, enable, revoke and delete the project's keys, through the same service functions
// as the dashboard. A created or rotated key's secret is in that one answer only (no-store, and never
// kept for an Idempotency-Key replay: lib/api/idempotency.ts).

const KEYS = { resource: "keys", action: "read" } as const;
const CREATE_KEYS = { resource: "keys", action: "create" } as const;
const MANAGE_KEYS = { resource: "keys", action: "update" } as const;
const DELETE_KEYS = { resource: "keys", action: "delete" } as const;

export type KeyDto = ReturnType<typeof keyDto>;

function keyDto(key: KeyRow) {
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    kind: key.kind,
    role: key.role,
    scope: key.scope,
    channels: key.channels.map((c) => c.slug),
    permissions: key.permissions,
    preview: key.preview,
    status: key.status,
    rateLimit: key.rateLimit,
    allowedIps: key.allowedIps,
    ipReportOnly: key.ipReportOnly,
    allowedOrigins: key.allowedOrigins,
    quota: key.quota,
    quotaPeriod: key.quotaPeriod,
    replacedBy: key.replacedBy?.id ?? null,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
  };
}

const auditOf = ({ key, ip, req }: ApiContext<unknown>): AuditContext => ({
  actor: { type: "key", id: key.id, label: key.name },
  meta: { ip, userAgent: req.headers.get("user-agent") },
});

/** One key's answer: its fields, and its version as the ETag (SPEC §7). */
const keyResponse = (key: KeyRow, requestId: string) => json(keyDto(key), 200, requestId, { ETag: etagOf(key.version) });

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

// `lastUsedAt` and a time-derived `status` are readings, not edits: they do not move the version.
export const getKeyRoute = apiRoute<{ id: string }>(KEYS, async ({ key, params, req, requestId }) => {
  const found = await keyIn(key.projectId, params.id);
  return noneMatchHolds(req.headers, found.version) ? notModified(found.version, requestId) : keyResponse(found, requestId);
});

/**
 * Runs `write` on the key as read, only while that key is within what the caller holds (checked
 * again on every read), and only over the version read: an edit landing in between makes it read
 * and check again (or, under If-Match, answer 412). So a narrower key can neither cut down, revoke
 * nor delete a wider one, even one widened while the request runs.
 */
async function onKeyWithinCaller<T>(ctx: ApiContext<{ id: string }>, first: KeyRow, write: (current: KeyRow) => Promise<T>): Promise<T> {
  const ifMatch = ifMatchVersions(ctx.req.headers);
  let current = first;
  return retryWhileRaced("key", async (retry) => {
    if (retry) current = await keyIn(ctx.key.projectId, current.id);
    if (ifMatch && !ifMatch.includes(current.version)) throw preconditionFailed(current.version, ctx.req.headers);
    const excess = heldExcess(ctx.key, { ...current, channels: current.channels.map((c) => c.slug) });
    if (excess) throw new ApiError(excess.code, excess.message);
    try {
      return await write(current);
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
      return RACED;
    }
  });
}

/**
 * PATCH: only the fields sent change. A key never edits itself, and the edited key must stay within
 * what the caller holds (lib/keys/grant-bounds.ts), before and after the edit: a scoped key can
 * neither widen itself nor touch a wider key. The patch is merged into the key as read.
 */
export const patchKeyRoute = apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
  if (ctx.params.id === ctx.key.id) throw new ApiError("insufficient_permissions", "A key cannot edit itself; use another admin key or the dashboard.");
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  const patch = keyPatchSchema.parse(await readJson(ctx.req));
  await onKeyWithinCaller(ctx, current, (read) => applyPatch(ctx, read, patch));
  return keyResponse(await keyIn(ctx.key.projectId, current.id), ctx.requestId);
});

/** The project's channels by slug; an unknown slug is 422 on `channels`. */
async function channelsBySlug(projectId: string, slugs: string[]) {
  const found = await db().channel.findMany({ where: { projectId, slug: { in: slugs } }, select: { id: true, slug: true } });
  const unknown = slugs.filter((slug) => !found.some((c) => c.slug === slug));
  if (unknown.length) {
    throw new ApiError("validation_failed", `Unknown channel${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`, {
      issues: unknown.map((slug) => ({ path: "channels", message: `unknown channel "${slug}"` })),
    });
  }
  return found;
}

/** A key's restrictions as grant bounds compare them. */
const grantRestrictions = (r: { allowedIps?: string[]; ipReportOnly?: boolean; quota?: number | null; quotaPeriod?: "day" | "month" }): GrantRestrictions => ({
  allowedIps: r.allowedIps ?? [],
  ipReportOnly: r.ipReportOnly ?? false,
  quota: r.quota != null && r.quotaPeriod ? { limit: r.quota, period: r.quotaPeriod } : null,
});

/** The restriction fields a request sent (absent ones leave the key's as they are). */
const restrictionsOf = (sent: Pick<z.infer<typeof keyPatchSchema>, "allowedIps" | "ipReportOnly" | "allowedOrigins" | "quota" | "quotaPeriod">) =>
  Object.fromEntries(
    Object.entries({ allowedIps: sent.allowedIps, ipReportOnly: sent.ipReportOnly, allowedOrigins: sent.allowedOrigins, quota: sent.quota, quotaPeriod: sent.quotaPeriod }).filter(
      ([, v]) => v !== undefined,
    ),
  );

/** Refused before any channel is looked up, so a channel-scoped caller learns nothing about channels outside its scope. */
async function applyPatch(ctx: ApiContext<{ id: string }>, current: KeyRow, patch: z.infer<typeof keyPatchSchema>) {
  const result = {
    role: patch.role ?? current.role,
    permissions: (patch.permissions ?? current.permissions ?? undefined) as CustomPermissions | undefined,
    scope: patch.scope ?? current.scope,
    channels: patch.channels ?? current.channels.map((c) => c.slug),
    rateLimit: patch.rateLimit === undefined ? current.rateLimit : patch.rateLimit,
    restrictions: grantRestrictions({
      allowedIps: patch.allowedIps ?? current.allowedIps,
      ipReportOnly: patch.ipReportOnly ?? current.ipReportOnly,
      quota: patch.quota === undefined ? current.quota : patch.quota,
      quotaPeriod: patch.quotaPeriod ?? current.quotaPeriod ?? undefined,
    }),
  };
  const excess = grantExcess(ctx.key, result);
  if (excess) throw new ApiError(excess.code, excess.message);
  const found = await channelsBySlug(ctx.key.projectId, result.channels);
  const input = updateKeySchema.parse({
    id: current.id,
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    role: result.role,
    scope: result.scope,
    channels: found.map((c) => c.id),
    permissions: result.permissions,
    ...(patch.rateLimit !== undefined ? { rateLimit: patch.rateLimit } : {}),
    ...restrictionsOf(patch),
    // A new quota keeps the key's period unless the patch names one.
    ...(patch.quota != null && patch.quotaPeriod === undefined && current.quotaPeriod ? { quotaPeriod: current.quotaPeriod } : {}),
  });
  await updateKey(ctx.key.projectId, input, auditOf(ctx), [current.version]);
}

/** Only keys within the caller (a key is within itself: a leaked key can be stopped with itself). */
export const revokeKeyRoute = apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  await onKeyWithinCaller(ctx, current, (read) => revokeKey(ctx.key.projectId, read.id, auditOf(ctx), [read.version]));
  return keyResponse(await keyIn(ctx.key.projectId, current.id), ctx.requestId);
});

export const deleteKeyRoute = apiRoute<{ id: string }>(DELETE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  await onKeyWithinCaller(ctx, current, (read) => deleteKey(ctx.key.projectId, read.id, auditOf(ctx), [read.version]));
  return new Response(null, { status: 204 });
});

/** Disable and enable: only keys within the caller; a key already so is answered as it is (200, no change). */
const settingDisabled = (change: typeof disableKey) =>
  apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
    const current = await keyIn(ctx.key.projectId, ctx.params.id);
    await onKeyWithinCaller(ctx, current, (read) => change(ctx.key.projectId, read.id, auditOf(ctx), [read.version]));
    return keyResponse(await keyIn(ctx.key.projectId, current.id), ctx.requestId);
  });
export const disableKeyRoute = settingDisabled(disableKey);
export const enableKeyRoute = settingDisabled(enableKey);

/** The one answer that carries a secret: 201, never cached, and withheld from Idempotency-Key replays. */
function secretResponse(key: KeyRow, extra: Record<string, unknown>, requestId: string) {
  const response = json({ ...keyDto(key), ...extra }, 201, requestId, {
    ETag: etagOf(key.version),
    Location: `/api/v1/admin/keys/${key.id}`,
    "Cache-Control": "no-store",
  });
  return withholdOnReplay(
    response,
    new ApiError(
      "idempotency_key_reused",
      `This Idempotency-Key already made key ${key.id}; its secret was shown once, in that answer, and is not kept. Rotate that key for a new secret, or use a new Idempotency-Key for a new request.`,
      { keyId: key.id },
    ),
  );
}

/** Create: never wider than the caller (role, permissions, channels, rate limit), checked before any channel is looked up. */
export const createKeyRoute = apiRoute(CREATE_KEYS, async (ctx) => {
  const body = keyCreateSchema.parse(await readJson(ctx.req));
  const excess = grantExcess(ctx.key, {
    role: body.role,
    permissions: (body.permissions ?? null) as CustomPermissions | null,
    scope: body.scope,
    channels: body.channels,
    rateLimit: body.rateLimit ?? null,
    restrictions: grantRestrictions(body),
  });
  if (excess) throw new ApiError(excess.code, excess.message);
  const channels = body.scope === "channels" ? await channelsBySlug(ctx.key.projectId, body.channels) : [];
  const input = createKeySchema.parse({ ...body, channels: channels.map((c) => c.id), expiresOn: body.expiresOn ?? "" });
  const { key, secret } = await createKey(ctx.key.projectId, input, auditOf(ctx));
  return secretResponse(await keyIn(ctx.key.projectId, key.id), { secret }, ctx.requestId);
});

/** Rotate: only a key within the caller; the replacement has the same settings, so it is within the caller too. */
export const rotateKeyRoute = apiRoute<{ id: string }>(MANAGE_KEYS, async (ctx) => {
  const current = await keyIn(ctx.key.projectId, ctx.params.id);
  const { grace } = rotateKeySchema
    .pick({ grace: true })
    .strict()
    .parse(await readJson(ctx.req));
  const excess = heldExcess(ctx.key, { ...current, channels: current.channels.map((c) => c.slug) });
  if (excess) throw new ApiError(excess.code, excess.message);
  const rotated = await rotateKey(ctx.key.projectId, { id: current.id, grace }, auditOf(ctx));
  return secretResponse(await keyIn(ctx.key.projectId, rotated.key.id), { secret: rotated.secret, replaces: current.id, oldKeyStopsAt: rotated.oldKeyStopsAt }, ctx.requestId);
});
