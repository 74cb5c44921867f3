import "server-only";
import { db } from "@/lib/db";
import { limiters } from "@/lib/limits/factory";
import { outcomeOf } from "@/lib/limits/outcome";
import { LIMITS } from "@/lib/limits/policies";

// A public (publishable) key can be refused as often as anyone likes: record at most this many
// refusals per key per minute, so the log shows the attempt without growing without bound.
export const DENIED_ENTRIES_PER_KEY_PER_MINUTE = LIMITS.deniedAuditPerKey.points;

export type DeniedCall = {
  key: { id: string; projectId: string; name: string };
  code: string;
  method: string;
  path: string;
  ip: string | null;
  userAgent: string | null;
};

/**
 * A refused API call by a known key (401 revoked/expired, 403), so suspicious use shows in the
 * project's audit log (SPEC §8); `action` "api.would_refuse" for a call a report-only restriction
 * let through. Never the key itself; a failure to record never changes the answer.
 */
export async function recordDeniedCall(call: DeniedCall, { action = "api.denied" } = {}): Promise<void> {
  try {
    const factory = limiters();
    await factory.ready;
    // Each action has its own budget, so reported-only calls never crowd out real refusals.
    if (!(await outcomeOf(factory.limiter(action === "api.denied" ? "denied-audit" : `${action}-audit`, LIMITS.deniedAuditPerKey).consume(call.key.id))).allowed) return;
    await db().auditEntry.create({
      data: {
        projectId: call.key.projectId,
        actorType: "key",
        actorId: call.key.id,
        actorLabel: call.key.name,
        action,
        targetType: "route",
        targetLabel: `${call.method} ${call.path}`.slice(0, 300),
        ip: call.ip,
        userAgent: call.userAgent?.slice(0, 512) ?? null,
        changes: JSON.stringify({ code: call.code }),
      },
    });
  } catch (error) {
    console.error("could not record a denied API call:", (error as { name?: string })?.name);
  }
}
