import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueMail, type OutgoingMail } from "./outbox";

/** Owners and admins get the key e-mails (SPEC §1, §9); viewers do not. */
export async function mailKeyManagers(tx: Tx, projectId: string, mail: OutgoingMail): Promise<void> {
  const managers = await tx.membership.findMany({
    where: { projectId, role: { in: ["owner", "admin"] } },
    select: { user: { select: { email: true } } },
  });
  await enqueueMail(tx, managers.map((m) => m.user.email), mail);
}
