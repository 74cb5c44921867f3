import "server-only";
import { db, type Tx } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { DomainError, notFound } from "@/lib/errors";
import { checkVersion, throwIfStale } from "@/lib/versioned-write";
import { ROLE_INFO } from "@/lib/permissions";
import { memberMay } from "@/lib/members/rules";
import { open, seal } from "@/lib/crypto/secret-box";
import { now } from "@/lib/clock";
import { deliverSoon } from "@/lib/mail/outbox";
import { announceKeyChange, keyChanged } from "./key-changes";
import { mailKeyManagers } from "@/lib/mail/notify";
import { keyCreatedMail, keyRotatedMail } from "@/lib/mail/templates";
import { reauthenticationRequired } from "@/lib/auth/sudo-token";
import { API_KEY, generateKey, keyPreview } from "./format";
import { hashKey } from "./hash";
import { expiryRefusal, replacementExpiry, type KeyPolicy } from "./policy";
import { RESTRICTION_FIELDS, listOf, storedList } from "./restrictions";
import { expiryFrom, GRACE_PERIODS, rateLimitSchema, type CreateKeyInput, type RevealKeyInput, type RotateKeyInput, type UpdateKeyInput } from "./schemas";

export const LAST_KEY_MESSAGE = "This is the project's last API key, so it cannot be deleted. Create another key first, or revoke this one instead.";

/** Channel ids must all belong to the project; anything else is refused, never silently dropped. */
async function projectChannels(tx: Tx, projectId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  // A channel-scoped key with no channels would address nobody; callers that skip the schema get the same refusal.
  if (unique.length === 0) throw new DomainError("validation_failed", "Choose at least one channel, or scope the key to all recipients.", "channels");
  const found = await tx.channel.findMany({ where: { projectId, id: { in: unique } }, select: { id: true, slug: true } });
  if (found.length !== unique.length) throw new DomainError("validation_failed", "Choose channels of this project only.", "channels");
  return found;
}

/** The stored form of a custom key's levels (only levels above "none", in a stable order), else null. */
export function storedPermissions(role: string, permissions: Partial<Record<string, string>> | undefined): string | null {
  if (role !== "custom") return null;
  const granted = Object.entries(permissions ?? {})
    .filter(([, level]) => level && level !== "none")
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(Object.fromEntries(granted));
}

/** The scope's two stored forms, written together: the KeyChannel rows and the slug list. */
function scopeData(channels: { id: string; slug: string }[]) {
  return {
    channelSlugs: channels
      .map((c) => c.slug)
      .sort()
      .join(","),
    channels: { create: channels.map((c) => ({ channelId: c.id })) },
  };
}

/** The project's name and address for e-mails, whether its secret keys are kept revealable, and its key policy. */
async function projectForKeys(tx: Tx, projectId: string) {
  const project = await tx.project.findUnique({
    where: { id: projectId },
    select: { slug: true, name: true, revealSecretKeys: true, keyMaxLifetimeDays: true, adminKeysRequireExpiry: true, disableUnusedAfterDays: true },
  });
  if (!project) throw notFound("Project");
  return project;
}

const policyOf = (project: { keyMaxLifetimeDays: number | null; adminKeysRequireExpiry: boolean; disableUnusedAfterDays: number | null }): KeyPolicy => ({
  maxLifetimeDays: project.keyMaxLifetimeDays,
  adminRequiresExpiry: project.adminKeysRequireExpiry,
  disableUnusedAfterDays: project.disableUnusedAfterDays,
});

/** Publishable keys are always sealed (they may be shown again); secret keys only where the project opted in. */
const sealedIfRevealable = (kind: string, secret: string, project: { revealSecretKeys: boolean }) => (kind === "pk" || project.revealSecretKeys ? seal(secret) : null);

function kindRefusal(kind: string, role: string): DomainError | null {
  if (ROLE_INFO[role as keyof typeof ROLE_INFO]?.kind === kind) return null;
  return kind === "pk"
    ? new DomainError("validation_failed", "A publishable key can only have the Client role, because it may already sit in a browser bundle. Create a secret key instead.", "role")
    : new DomainError("validation_failed", "A secret key cannot become a publishable Client key. Create a Client key instead.", "role");
}

type RestrictionInput = { allowedIps?: string[]; ipReportOnly?: boolean; allowedOrigins?: string[]; quota?: number | null; quotaPeriod?: string };
type StoredRestrictionFields = { allowedIps: string; ipReportOnly: boolean; allowedOrigins: string; quota: number | null; quotaPeriod: string | null };

/** The restrictions (SPEC §16) as stored: lists one entry per line, the period only with a quota. `current`: what an edit leaves where a field is absent. */
function restrictionData(input: RestrictionInput, current?: StoredRestrictionFields): StoredRestrictionFields {
  const quota = input.quota === undefined ? (current?.quota ?? null) : input.quota;
  return {
    allowedIps: input.allowedIps ? storedList(input.allowedIps) : (current?.allowedIps ?? ""),
    ipReportOnly: input.ipReportOnly ?? current?.ipReportOnly ?? false,
    allowedOrigins: input.allowedOrigins ? storedList(input.allowedOrigins) : (current?.allowedOrigins ?? ""),
    quota,
    quotaPeriod: quota === null ? null : (input.quotaPeriod ?? current?.quotaPeriod ?? null),
  };
}

/** The restrictions as an audit entry shows them: only those set. */
function restrictionsShown(stored: StoredRestrictionFields): Record<string, unknown> {
  return {
    ...(stored.allowedIps ? { allowedIps: listOf(stored.allowedIps), ipReportOnly: stored.ipReportOnly } : {}),
    ...(stored.allowedOrigins ? { allowedOrigins: listOf(stored.allowedOrigins) } : {}),
    ...(stored.quota !== null ? { quota: stored.quota, quotaPeriod: stored.quotaPeriod } : {}),
  };
}

/** The schema's rule again, for callers that skip it: the column never holds 0 or an absurd limit. */
function checkedRateLimit(value: unknown): number | null | undefined {
  const parsed = rateLimitSchema.safeParse(value);
  if (!parsed.success) throw new DomainError("validation_failed", parsed.error.issues[0].message, "rateLimit");
  return parsed.data;
}

export async function createKey(projectId: string, input: CreateKeyInput, ctx: AuditContext) {
  const created = now();
  const expiresAt = expiryFrom(input, created);
  if (expiresAt === "invalid") throw new DomainError("validation_failed", "Pick a date in the future, at most five years away.", "expiresOn");
  const rateLimit = checkedRateLimit(input.rateLimit) ?? null;
  const kind = ROLE_INFO[input.role].kind;
  const secret = generateKey(kind);
  const name = input.name || `${ROLE_INFO[input.role].label} key`;
  const key = await db().$transaction(async (tx) => {
    const project = await projectForKeys(tx, projectId);
    const refusal = expiryRefusal(policyOf(project), input.role, expiresAt, created);
    if (refusal) throw new DomainError("validation_failed", refusal, "expires");
    const channels = input.scope === "channels" ? await projectChannels(tx, projectId, input.channels) : [];
    const row = await tx.apiKey.create({
      data: {
        projectId,
        name,
        description: input.description,
        kind,
        role: input.role,
        scope: input.scope,
        hash: hashKey(secret),
        preview: keyPreview(secret),
        encryptedKey: sealedIfRevealable(kind, secret, project),
        permissions: storedPermissions(input.role, input.permissions),
        expiresAt,
        rateLimit,
        ...restrictionData(input),
        createdById: ctx.actor.type === "user" ? ctx.actor.id : null,
        createdAt: created,
        ...scopeData(channels),
      },
      select: { id: true, name: true, preview: true, kind: true, encryptedKey: true },
    });
    await recordAudit(tx, ctx, {
      projectId,
      action: "key.created",
      target: { type: "api_key", id: row.id, label: name },
      changes: {
        role: input.role,
        scope: input.scope,
        channels: channels.map((c) => c.slug),
        expiresAt,
        rateLimit,
        preview: row.preview,
        ...(input.role === "custom" ? { permissions: JSON.parse(storedPermissions(input.role, input.permissions)!) } : {}),
        ...restrictionsShown(restrictionData(input)),
      },
    });
    await mailKeyManagers(tx, projectId, keyCreatedMail({ project, key: row, role: ROLE_INFO[input.role].label, actor: ctx.actor.label, at: created }));
    const { encryptedKey, ...stored } = row;
    return { ...stored, revealableLater: encryptedKey !== null };
  });
  deliverSoon();
  return { key, secret };
}

const keyVersion = (tx: Tx, id: string) => () => tx.apiKey.findUnique({ where: { id }, select: { version: true } });

/** `expected`: the versions the caller allows (If-Match); another version throws StaleVersion and changes nothing. */
export async function updateKey(projectId: string, input: UpdateKeyInput, ctx: AuditContext, expected?: number[]) {
  const rateLimit = checkedRateLimit(input.rateLimit);
  const result = await db().$transaction(async (tx) => {
    const current = await tx.apiKey.findFirst({
      where: { id: input.id, projectId, kind: API_KEY },
      select: {
        id: true,
        name: true,
        description: true,
        kind: true,
        role: true,
        scope: true,
        channelSlugs: true,
        permissions: true,
        rateLimit: true,
        revokedAt: true,
        expiresAt: true,
        version: true,
        ...RESTRICTION_FIELDS,
      },
    });
    if (!current) throw notFound("API key");
    checkVersion(current, expected);
    if (current.revokedAt) throw new DomainError("conflict", "This key is revoked and can no longer be edited.");
    const refusal = kindRefusal(current.kind, input.role);
    if (refusal) throw refusal;
    if (input.role === "admin" && current.role !== "admin" && current.expiresAt === null) {
      const project = await projectForKeys(tx, projectId);
      if (project.adminKeysRequireExpiry)
        throw new DomainError("validation_failed", "This project's key policy: Admin keys must have an expiry date, and this key never expires. Create a new Admin key instead.", "role");
    }
    const channels = input.scope === "channels" ? await projectChannels(tx, projectId, input.channels) : [];
    const scope = scopeData(channels);
    const before = {
      name: current.name,
      description: current.description,
      role: current.role,
      scope: current.scope,
      channels: current.channelSlugs,
      permissions: current.permissions ?? "",
      rateLimit: current.rateLimit,
      allowedIps: current.allowedIps,
      ipReportOnly: current.ipReportOnly,
      allowedOrigins: current.allowedOrigins,
      quota: current.quota,
      quotaPeriod: current.quotaPeriod,
    };
    const after = {
      name: input.name || current.name,
      description: input.description,
      role: input.role,
      scope: input.scope,
      channels: scope.channelSlugs,
      permissions: storedPermissions(input.role, input.permissions) ?? "",
      rateLimit: rateLimit === undefined ? current.rateLimit : rateLimit,
      ...restrictionData(input, current),
    };
    if (after.allowedOrigins && current.kind !== "pk")
      throw new DomainError("validation_failed", "Allowed origins are for publishable (Client) keys: a secret key is refused in every browser.", "allowedOrigins");
    if (after.ipReportOnly && !after.allowedIps) throw new DomainError("validation_failed", "Report only needs at least one allowed IP address to report against.", "ipReportOnly");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of Object.keys(after) as (keyof typeof after)[]) {
      if (before[field] === after[field]) continue;
      const shown = (v: string | number | boolean | null): unknown =>
        typeof v !== "string"
          ? v
          : field === "channels"
            ? v
              ? v.split(",")
              : []
            : field === "permissions"
              ? v
                ? JSON.parse(v)
                : null
              : field === "allowedIps" || field === "allowedOrigins"
                ? listOf(v)
                : v;
      changes[field] = { from: shown(before[field]), to: shown(after[field]) };
    }
    if (Object.keys(changes).length === 0) return { id: current.id, changed: false, version: current.version };

    // Conditional on "not revoked" (and on the version read, for a conditional edit), so an edit
    // racing a revoke, a delete or another conditional edit cannot land after it.
    const { channels: _links, permissions, ...fields } = { ...after, channelSlugs: scope.channelSlugs };
    const [updated] = await tx.apiKey.updateManyAndReturn({
      where: { id: current.id, projectId, revokedAt: null, ...(expected ? { version: current.version } : {}) },
      data: { ...fields, permissions: permissions || null, version: { increment: 1 } },
      select: { version: true },
    });
    if (!updated) {
      await throwIfStale(expected, keyVersion(tx, current.id));
      throw new DomainError("conflict", "This key was revoked or deleted meanwhile.");
    }
    if (changes.channels) {
      await tx.keyChannel.deleteMany({ where: { keyId: current.id } });
      await tx.keyChannel.createMany({ data: channels.map((c) => ({ keyId: current.id, channelId: c.id })) });
    }
    await recordAudit(tx, ctx, { projectId, action: "key.updated", target: { type: "api_key", id: current.id, label: after.name }, changes });
    await announceKeyChange(tx, current.id);
    return { id: current.id, changed: true, version: updated.version };
  });
  if (result.changed) keyChanged(result.id);
  return result;
}

export async function revokeKey(projectId: string, id: string, ctx: AuditContext, expected?: number[]) {
  const result = await db().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id, projectId, kind: API_KEY }, select: { id: true, name: true, revokedAt: true, version: true } });
    if (!key) throw notFound("API key");
    checkVersion(key, expected);
    if (key.revokedAt) throw new DomainError("conflict", "This key is already revoked.");
    const [revoked] = await tx.apiKey.updateManyAndReturn({
      where: { id, projectId, revokedAt: null, ...(expected ? { version: key.version } : {}) },
      data: { revokedAt: now(), version: { increment: 1 } },
      select: { version: true },
    });
    if (!revoked) {
      await throwIfStale(expected, keyVersion(tx, id));
      throw new DomainError("conflict", "This key is already revoked.");
    }
    await recordAudit(tx, ctx, { projectId, action: "key.revoked", target: { type: "api_key", id, label: key.name } });
    await announceKeyChange(tx, id);
    return { id, version: revoked.version };
  });
  keyChanged(id);
  return result;
}

/**
 * Bulk revoke (SPEC §15): each key in its own transaction with its own audit entry, as if revoked
 * one by one; a key of another project, already revoked or deleted is skipped, never an error, so
 * the answer says nothing about keys the caller cannot see.
 */
export async function revokeKeys(projectId: string, ids: string[], ctx: AuditContext) {
  let revoked = 0;
  for (const id of new Set(ids)) {
    try {
      await revokeKey(projectId, id, ctx);
      revoked++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return { revoked, skipped: new Set(ids).size - revoked };
}

/**
 * Disable (SPEC §15): the key is refused (401 key_disabled) from the very next request, on every
 * instance, until it is enabled again. Only a live key (not revoked, not expired) changes either way;
 * disabling a disabled key (or enabling an enabled one) changes nothing and is not an error.
 */
export const disableKey = (projectId: string, id: string, ctx: AuditContext, expected?: number[]) => setDisabled(projectId, id, true, ctx, expected);
export const enableKey = (projectId: string, id: string, ctx: AuditContext, expected?: number[]) => setDisabled(projectId, id, false, ctx, expected);

async function setDisabled(projectId: string, id: string, disable: boolean, ctx: AuditContext, expected?: number[]) {
  const at = now();
  const result = await db().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id, projectId, kind: API_KEY }, select: { id: true, name: true, revokedAt: true, expiresAt: true, disabledAt: true, version: true } });
    if (!key) throw notFound("API key");
    checkVersion(key, expected);
    if (key.revokedAt) throw new DomainError("conflict", "This key is revoked; create a new key instead.");
    if (key.expiresAt && key.expiresAt <= at) throw new DomainError("conflict", "This key has expired; create a new key instead.");
    // Already so: nothing changes, nothing is audited, and the caller gets the key as it is.
    if ((key.disabledAt !== null) === disable) return { id, version: key.version, changed: false };
    // Conditional on the state read, so a disable and an enable (or a revoke) racing each other cannot both land.
    const [changed] = await tx.apiKey.updateManyAndReturn({
      where: { id, projectId, revokedAt: null, disabledAt: disable ? null : { not: null }, ...(expected ? { version: key.version } : {}) },
      data: { disabledAt: disable ? at : null, version: { increment: 1 } },
      select: { version: true },
    });
    if (!changed) {
      await throwIfStale(expected, keyVersion(tx, id));
      throw new DomainError("conflict", "This key was changed meanwhile; try again.");
    }
    await recordAudit(tx, ctx, { projectId, action: disable ? "key.disabled" : "key.enabled", target: { type: "api_key", id, label: key.name } });
    await announceKeyChange(tx, id);
    return { id, version: changed.version, changed: true };
  });
  if (result.changed) keyChanged(id);
  return result;
}

export async function deleteKey(projectId: string, id: string, ctx: AuditContext, expected?: number[]) {
  const result = await db().$transaction(async (tx) => {
    // Taking the project row lock first serialises concurrent deletes (PostgreSQL row lock;
    // SQLite has one writer), so two of them can never remove the last two keys together.
    await tx.project.update({ where: { id: projectId }, data: { version: { increment: 1 } } });
    const key = await tx.apiKey.findFirst({ where: { id, projectId, kind: API_KEY }, select: { id: true, name: true, preview: true, version: true } });
    if (!key) throw notFound("API key");
    checkVersion(key, expected);
    const remaining = await tx.apiKey.count({ where: { projectId, kind: API_KEY } });
    if (remaining <= 1) throw new DomainError("conflict", LAST_KEY_MESSAGE);
    const deleted = await tx.apiKey.deleteMany({ where: { id: key.id, ...(expected ? { version: key.version } : {}) } });
    if (deleted.count !== 1) {
      await throwIfStale(expected, keyVersion(tx, key.id));
      throw notFound("API key");
    }
    await recordAudit(tx, ctx, { projectId, action: "key.deleted", target: { type: "api_key", id, label: key.name }, changes: { preview: key.preview } });
    await announceKeyChange(tx, id);
    return { id };
  });
  keyChanged(id);
  return result;
}

export const SECRET_REVEAL_OFF = "Secret keys are shown only once, when they are created or rotated. A project owner can turn on “Revealable secret keys” for keys created after that.";

// `freshAuth` is asked only for a secret key, so revealing a publishable key costs no sudo check.
type RevealCaller = { userId: string; email: string; role: string; freshAuth: () => Promise<boolean> };

/**
 * Reveal (SPEC §2): a publishable key may be shown again to anyone who manages keys. A secret key
 * only where the project opted in, only to an owner, and only in sudo mode (SPEC §13: the caller
 * re-authenticated within the last 10 minutes, `freshAuth` from lib/auth/sudo.ts). Every reveal is audited.
 */
export async function revealKey(projectId: string, input: RevealKeyInput, ctx: AuditContext, caller: RevealCaller) {
  const key = await db().apiKey.findFirst({ where: { id: input.id, projectId, kind: API_KEY }, select: { kind: true, revokedAt: true } });
  if (!key) throw notFound("API key");
  if (key.revokedAt) throw new DomainError("conflict", "This key is revoked.");
  if (key.kind === "sk") await checkSecretReveal(projectId, caller);
  return db().$transaction(async (tx) => {
    // Read again inside the transaction: turning the setting off (which erases the ciphertexts) may have landed meanwhile.
    const row = await tx.apiKey.findFirst({
      where: { id: input.id, projectId, kind: API_KEY, revokedAt: null },
      select: { id: true, name: true, kind: true, encryptedKey: true, project: { select: { revealSecretKeys: true } } },
    });
    if (!row) throw new DomainError("conflict", "This key was revoked or deleted meanwhile.");
    if (row.kind === "sk" && !row.project.revealSecretKeys) throw new DomainError("forbidden", SECRET_REVEAL_OFF);
    if (!row.encryptedKey) {
      throw row.kind === "pk"
        ? new DomainError("forbidden", "This key cannot be shown again.")
        : new DomainError("forbidden", "This secret key was created before secret keys became revealable, so it cannot be shown again. Rotate it to get a revealable replacement.");
    }
    await recordAudit(tx, ctx, { projectId, action: "key.revealed", target: { type: "api_key", id: row.id, label: row.name }, changes: { kind: row.kind } });
    return { id: row.id, name: row.name, kind: row.kind, secret: open(row.encryptedKey), revealableLater: true };
  });
}

async function checkSecretReveal(projectId: string, caller: RevealCaller) {
  const project = await db().project.findUnique({ where: { id: projectId }, select: { revealSecretKeys: true } });
  if (!project?.revealSecretKeys) throw new DomainError("forbidden", SECRET_REVEAL_OFF);
  if (!memberMay(caller.role, "revealsSecretKeys")) throw new DomainError("forbidden", "Only project owners can reveal secret keys.");
  if (!(await caller.freshAuth())) throw reauthenticationRequired();
}

/**
 * Rotation (SPEC §5): a replacement with the same settings, revealed once; the old key stops at
 * the end of the grace period (at once for "now"). The conditional update on `replacedById: null`
 * makes concurrent rotations of one key race to exactly one winner: the others roll back.
 */
export async function rotateKey(projectId: string, input: RotateKeyInput, ctx: AuditContext) {
  const at = now();
  const stopsAt = new Date(at.getTime() + GRACE_PERIODS[input.grace]);
  const rotated = await db().$transaction(async (tx) => {
    const project = await projectForKeys(tx, projectId);
    const old = await tx.apiKey.findFirst({
      where: { id: input.id, projectId, kind: API_KEY },
      select: {
        id: true,
        name: true,
        description: true,
        kind: true,
        role: true,
        scope: true,
        channelSlugs: true,
        permissions: true,
        rateLimit: true,
        ...RESTRICTION_FIELDS,
        expiresAt: true,
        revokedAt: true,
        disabledAt: true,
        replacedById: true,
        preview: true,
        channels: { select: { channelId: true } },
      },
    });
    if (!old) throw notFound("API key");
    if (old.revokedAt) throw new DomainError("conflict", "This key is revoked; create a new key instead.");
    if (old.replacedById) throw new DomainError("conflict", "This key was already rotated; rotate its replacement instead.");
    if (old.expiresAt && old.expiresAt <= at) throw new DomainError("conflict", "This key has expired; create a new key instead.");
    // Its replacement would be let in at once: a disabled key is enabled first (or revoked).
    if (old.disabledAt) throw new DomainError("conflict", "This key is disabled; enable it before rotating it.");
    const secret = generateKey(old.kind as "pk" | "sk");
    const replacementExpiresAt = replacementExpiry(policyOf(project), old.role, old.expiresAt, at);
    const replacement = await tx.apiKey.create({
      data: {
        projectId,
        name: old.name,
        description: old.description,
        kind: old.kind,
        role: old.role,
        scope: old.scope,
        channelSlugs: old.channelSlugs,
        permissions: old.permissions,
        rateLimit: old.rateLimit,
        allowedIps: old.allowedIps,
        ipReportOnly: old.ipReportOnly,
        allowedOrigins: old.allowedOrigins,
        quota: old.quota,
        quotaPeriod: old.quotaPeriod,
        hash: hashKey(secret),
        preview: keyPreview(secret),
        encryptedKey: sealedIfRevealable(old.kind, secret, project),
        expiresAt: replacementExpiresAt,
        createdById: ctx.actor.type === "user" ? ctx.actor.id : null,
        createdAt: at,
        channels: { create: old.channels.map((c) => ({ channelId: c.channelId })) },
      },
      select: { id: true, name: true, kind: true, preview: true, encryptedKey: true },
    });
    const expiresAt = old.expiresAt && old.expiresAt < stopsAt ? old.expiresAt : stopsAt;
    const claimed = await tx.apiKey.updateMany({
      where: { id: old.id, projectId, replacedById: null, revokedAt: null, disabledAt: null },
      data: { replacedById: replacement.id, expiresAt, version: { increment: 1 } },
    });
    if (claimed.count !== 1) throw new DomainError("conflict", "This key was already rotated; rotate its replacement instead.");
    await recordAudit(tx, ctx, {
      projectId,
      action: "key.rotated",
      target: { type: "api_key", id: old.id, label: old.name },
      changes: {
        grace: input.grace,
        oldKeyStopsAt: expiresAt,
        oldPreview: old.preview,
        replacementId: replacement.id,
        replacementPreview: replacement.preview,
        // Only when the key policy shortened or set it.
        ...(replacementExpiresAt?.getTime() !== old.expiresAt?.getTime() ? { replacementExpiresAt } : {}),
      },
    });
    await mailKeyManagers(tx, projectId, keyRotatedMail({ project, old: { id: old.id, name: old.name, preview: old.preview }, replacement, oldKeyStopsAt: expiresAt, actor: ctx.actor.label, at }));
    await announceKeyChange(tx, old.id);
    const { encryptedKey, ...issued } = replacement;
    return { key: { ...issued, revealableLater: encryptedKey !== null }, secret, oldKeyStopsAt: expiresAt };
  });
  keyChanged(input.id);
  deliverSoon();
  return rotated;
}
