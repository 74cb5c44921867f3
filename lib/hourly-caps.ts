import "server-only";
import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { DomainError } from "@/lib/errors";

// How much one person may start in an hour (SPEC §13), so a fresh account cannot turn the
// instance into a mailer. Counted from rows the database already keeps, not an in-memory
// limiter: the count survives a restart, is the same on every instance, and costs no memory.

export const HOURLY_CAPS = {
  /** Mails a member makes Latchkey send to other people: invitations, resends and direct adds. */
  invitations: 20,
  /** Projects a user creates (the first one, made at sign-up, counts too). */
  projects: 5,
} as const;

const HOUR_MS = 3_600_000;

/**
 * The audit actions that mail someone on the actor's behalf. Audit entries are the honest count:
 * invitations are deleted when accepted or cancelled and rewritten when resent, but every one of
 * those mails wrote an entry in its own transaction, and entries are never edited.
 */
export const MAILING_ACTIONS = ["member.invited", "member.added", "invitation.resent"];

const refuse = (message: string) => new DomainError("rate_limited", message);

/**
 * Who an invitation mail counts against: a member, across every project; or a project's admin API
 * keys together. Not per key: an admin key can make more admin keys, so a per-key count would be
 * no cap at all, while the keys of one project are one sender (the project's machines).
 */
export type InvitationSender = { userId: string } | { projectKeys: string };

/** Throws when the sender has already sent the hour's invitations. */
export async function checkInvitationAllowance(tx: Tx, sender: InvitationSender): Promise<void> {
  const since = new Date(now().getTime() - HOUR_MS);
  const mailing = { createdAt: { gte: since }, action: { in: MAILING_ACTIONS } };
  // A member's: through the (actorId, createdAt) index, in every project, including ones the user
  // has left since (leaving a project must not hand back its invitations). Keys': through
  // (projectId, createdAt), keys deleted since included.
  const sent = await tx.auditEntry.count({
    where: "userId" in sender ? { ...mailing, actorId: sender.userId, actorType: "user" } : { ...mailing, projectId: sender.projectKeys, actorType: "key" },
  });
  if (sent >= HOURLY_CAPS.invitations) {
    const who = "userId" in sender ? "You have" : "This project's API keys have";
    throw refuse(`${who} sent ${HOURLY_CAPS.invitations} invitations in the last hour, the most allowed. Try again later.`);
  }
}

/** Throws when `userId` has already created the hour's projects. */
export async function checkProjectAllowance(tx: Tx, userId: string): Promise<void> {
  const since = new Date(now().getTime() - HOUR_MS);
  // Through the (createdById, createdAt) index, whether or not the user is still a member.
  const created = await tx.project.count({ where: { createdById: userId, createdAt: { gte: since } } });
  if (created >= HOURLY_CAPS.projects) {
    throw refuse(`You have created ${HOURLY_CAPS.projects} projects in the last hour, the most allowed. Try again later.`);
  }
}
