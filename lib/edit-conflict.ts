import "server-only";
import { db } from "@/lib/db";
import { EditConflict, StaleRead } from "@/lib/errors";

// Conflict-safe dashboard edits (SPEC §6): a form carries the version it was opened at; a save over
// a later change is refused with who made that change and when, read from the audit log.

/** Audit entries that record a reading of the object, not a change to it. */
const READINGS = ["key.revealed", "key.identified", "key.expiry_notice_sent"];

type Target = { type: string; id: string };

/** Who made the latest change to `target`, and when: its newest audit entry that is not a reading. */
export async function lastChangeOf(projectId: string, target: Target): Promise<{ by: string; at: Date } | null> {
  const entry = await db().auditEntry.findFirst({
    where: { projectId, targetType: target.type, targetId: target.id, action: { notIn: READINGS } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { actorLabel: true, createdAt: true },
  });
  return entry && { by: entry.actorLabel, at: entry.createdAt };
}

/** The refusal of a stale save of `target` ("key", "channel", …). */
export async function editConflict(what: string, projectId: string, target: Target): Promise<EditConflict> {
  const change = await lastChangeOf(projectId, target);
  return new EditConflict(what, change?.by ?? null, change?.at ?? null);
}

/** Runs a write conditional on what the form read (its version); a StaleRead becomes the EditConflict the form shows. */
export async function refusingStaleEdits<T>(what: string, projectId: string, target: Target, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StaleRead) throw await editConflict(what, projectId, target);
    throw error;
  }
}
