"use server";
import { revalidatePath } from "next/cache";
import { projectAction } from "@/lib/auth/project-action";
import { hasFreshAuth, requireFreshAuth } from "@/lib/auth/sudo";
import { MANAGE, SETS_POLICY } from "@/lib/members/rules";
import { createKeySchema, keyEditSchema, keyIdSchema, keyIdsSchema, keyReduceSchema, revealKeySchema, rotateKeySchema } from "@/lib/keys/schemas";
import { revealSettingSchema } from "@/lib/projects/schemas";
import { setRevealSecretKeys } from "@/lib/projects/service";
import { createKey, deleteKey, disableKey, enableKey, revealKey, revokeKey, revokeKeys, rotateKey } from "@/lib/keys/service";
import { editKey } from "@/lib/keys/edit";
import { reduceToUsed } from "@/lib/keys/used-permissions";
import { keyDetail } from "@/lib/keys/queries";
import { notFound } from "@/lib/errors";

// Every key mutation of the API Keys page. projectAction re-checks membership and role on the
// server for each call: these are public POST endpoints whatever the UI shows.

// "layout": the list and every key's own page, which runs the same actions from its header.
const refresh = () => revalidatePath("/p/[slug]/settings/api-keys", "layout");

export const createKeyAction = projectAction(createKeySchema, MANAGE, async (input, { project, audit }) => {
  const { key, secret } = await createKey(project.id, input, audit);
  refresh();
  return { id: key.id, name: key.name, kind: key.kind, secret, revealableLater: key.revealableLater };
});

/** The Edit form: only the fields changed, refused if the key changed since the form's version. */
export const updateKeyAction = projectAction(keyEditSchema, MANAGE, async (input, { project, audit }) => {
  const result = await editKey(project.id, input, audit);
  refresh();
  return result;
});

/** "Reload" after a refused edit: the key's current settings and version. */
export const currentKeyAction = projectAction(keyIdSchema, MANAGE, async ({ id }, { project }) => {
  const detail = await keyDetail(project.id, id);
  if (!detail) throw notFound("API key");
  return detail.key;
});

/** "Reduce to what it used" (SPEC §15): a Custom key with exactly the permissions used in the last 30 days. */
export const reduceKeyAction = projectAction(keyReduceSchema, MANAGE, async ({ id, version }, { project, audit }) => {
  const result = await reduceToUsed(project.id, id, version, audit);
  refresh();
  return result;
});

export const revokeKeyAction = projectAction(keyIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await revokeKey(project.id, id, audit);
  refresh();
  return result;
});

/** Bulk revoke (SPEC §15): the keys ticked on the page, one audit entry each; ones revoked or deleted meanwhile are counted as skipped. */
export const revokeKeysAction = projectAction(keyIdsSchema, MANAGE, async ({ ids }, { project, audit }) => {
  const result = await revokeKeys(project.id, ids, audit);
  refresh();
  return result;
});

/** Disable (SPEC §15): refused with 401 key_disabled from the next request until enabled again. */
export const disableKeyAction = projectAction(keyIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await disableKey(project.id, id, audit);
  refresh();
  return result;
});

export const enableKeyAction = projectAction(keyIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await enableKey(project.id, id, audit);
  refresh();
  return result;
});

export const deleteKeyAction = projectAction(keyIdSchema, MANAGE, async ({ id }, { project, audit }) => {
  const result = await deleteKey(project.id, id, audit);
  refresh();
  return result;
});

export const revealKeyAction = projectAction(revealKeySchema, MANAGE, async (input, { project, user, role, audit }) => {
  return revealKey(project.id, input, audit, { userId: user.id, email: user.email, role, freshAuth: () => hasFreshAuth(user.id) });
});

export const rotateKeyAction = projectAction(rotateKeySchema, MANAGE, async (input, { project, audit }) => {
  const { key, secret } = await rotateKey(project.id, input, audit);
  refresh();
  return { id: key.id, name: key.name, kind: key.kind, secret, revealableLater: key.revealableLater };
});

/** "Revealable secret keys" is a project-wide security setting: owners only, in sudo mode. */
export const setRevealSecretKeysAction = projectAction(revealSettingSchema, SETS_POLICY, async ({ revealSecretKeys }, { project, user, audit }) => {
  await requireFreshAuth(user.id);
  const result = await setRevealSecretKeys(project.id, revealSecretKeys, audit);
  refresh();
  return result;
});
