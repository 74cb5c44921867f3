import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";
import { KEY_KINDS, parseKey, type KeyKind } from "./format";
import { hashKey } from "./hash";

// "Find a key" (issue 14): a member pastes a whole key (a leaked one, say) and is taken to its page.
// The key is looked up by its hash within the member's project only. A key of another project, an
// unknown key, a bad checksum and something that is no key at all get the one same answer, so the
// box tells nothing about other projects. The pasted key goes no further than this function: the
// audit entry names the key by id, name and preview.

export const NO_MATCHING_KEY = "No key of this project matches. Paste the whole key (lk_pk_… or lk_sk_…); to find a key by name or by the last 4 characters shown in the table, use the search.";

const noMatch = () => new DomainError("not_found", NO_MATCHING_KEY);

/** The id of the project's key whose secret is `candidate`, audited as "key.identified". Revoked keys are found too. */
export async function identifyKey(projectId: string, candidate: string, ctx: AuditContext): Promise<{ id: string }> {
  const pasted = candidate.trim();
  const parsed = parseKey(pasted);
  if (!parsed.ok || !KEY_KINDS.includes(parsed.kind as KeyKind)) throw noMatch();
  return db().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { hash: hashKey(pasted), projectId, kind: parsed.kind }, select: { id: true, name: true, preview: true } });
    if (!key) throw noMatch();
    await recordAudit(tx, ctx, { projectId, action: "key.identified", target: { type: "api_key", id: key.id, label: key.name }, changes: { preview: key.preview } });
    return { id: key.id };
  });
}
