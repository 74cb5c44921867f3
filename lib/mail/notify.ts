import "server-only";
import type { Tx } from "@/lib/db";
import { KEY_MAIL_ROLES } from "@/lib/members/rules";
import { enqueueMail, type OutgoingMail } from "./outbox";

/** The roles of the rules table that get the key e-mails (SPEC §1, §9: owners and admins). */
export async function mailKeyManagers(tx: Tx, projectId: string, mail: OutgoingMail): Promise<void> {
  const managers = await tx.membership.findMany({
    where: { projectId, role: { in: KEY_MAIL_ROLES } },
    select: { user: { select: { email: true } } },
  });
  await enqueueMail(
    tx,
    managers.map((m) => m.user.email),
    mail,
  );
}
