import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import type { RequestMeta } from "@/lib/audit/record";
import { clientIp } from "@/lib/api/client-ip";
import { authOptions } from "./options";

export type SessionUser = { id: string; email: string; name: string };

/** The signed-in user, re-read from the database so a deleted account is signed out at once. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get("user-agent") };
}
