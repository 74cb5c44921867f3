import "server-only";
import { db } from "@/lib/db";

/** The local outbox, as one person sees it: only mail addressed to them, newest first. */
export async function mailboxOf(email: string, take = 50) {
  return db().mail.findMany({
    where: { recipient: email.toLowerCase() },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, subject: true, body: true, createdAt: true },
  });
}
