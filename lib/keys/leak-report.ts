import "server-only";
import { db } from "@/lib/db";
import { limiters } from "@/lib/limits/factory";
import { LIMITS } from "@/lib/limits/policies";
import { addressKey } from "@/lib/limits/address";
import { outcomeOf, secondsUntil } from "@/lib/limits/outcome";
import { now } from "@/lib/clock";
import { recordAudit, type AuditContext, type RequestMeta } from "@/lib/audit/record";
import { mailKeyManagers } from "@/lib/mail/notify";
import { keyLeakedMail } from "@/lib/mail/templates";
import { parseKey } from "./format";
import { hashKey } from "./hash";
import { announceKeyChange, keyChanged } from "./key-changes";

// Leak response (SPEC §15): anyone who finds Latchkey credentials (a secret scanner, a stranger on
// a public repository) reports them without a key, and every live secret key among them is revoked
// at once; its project's owners and admins are told which key, when, and where the report came
// from. The reporter learns nothing: the answer does not depend on what was found.

/** Counts a report from `ip`. Returns 0 when it may go ahead, else the seconds until one may. */
export async function takeLeakReport(ip: string): Promise<number> {
  const factory = limiters();
  await factory.ready;
  const state = await outcomeOf(factory.limiter("leak-report-ip", LIMITS.leakReportsPerAddress).consume(addressKey(ip)));
  return state.allowed ? 0 : secondsUntil(state.msBeforeNext);
}

/**
 * The secret keys among `strings`, by hash: only strings in the key format whose checksum matches
 * (checked offline, so a string that is not a key never costs a database read). Publishable keys
 * are public by design (they ship in web pages): a report of one changes nothing.
 */
export function reportedSecretKeyHashes(strings: readonly string[]): string[] {
  const hashes = new Set<string>();
  for (const candidate of strings.map((s) => s.trim())) {
    const parsed = parseKey(candidate);
    if (parsed.ok && parsed.kind === "sk") hashes.add(hashKey(candidate));
  }
  return [...hashes];
}

/** Revokes every live secret key among `strings` (one read for all of them); returns how many were revoked, for the server's own tests and logs only. */
export async function revokeReportedCredentials(strings: readonly string[], source: RequestMeta): Promise<number> {
  const hashes = reportedSecretKeyHashes(strings);
  if (hashes.length === 0) return 0;
  const live = await db().apiKey.findMany({
    where: { hash: { in: hashes }, kind: "sk", revokedAt: null },
    select: { id: true, projectId: true, name: true, preview: true, project: { select: { slug: true, name: true } } },
  });
  const ctx: AuditContext = { actor: { type: "system", id: null, label: "Leak report" }, meta: source };
  let revoked = 0;
  for (const key of live) {
    const at = now();
    const changed = await db().$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt: at, version: { increment: 1 } } });
      if (count === 0) return false; // revoked meanwhile, by someone else
      await recordAudit(tx, ctx, { projectId: key.projectId, action: "key.leaked", target: { type: "api_key", id: key.id, label: key.name } });
      await announceKeyChange(tx, key.id);
      await mailKeyManagers(tx, key.projectId, keyLeakedMail({ project: key.project, key, at, reportedFrom: source }));
      return true;
    });
    if (!changed) continue;
    keyChanged(key.id);
    revoked++;
  }
  return revoked;
}
