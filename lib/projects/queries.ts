import "server-only";
import { db } from "@/lib/db";

export type Membership = { project: { id: string; slug: string; name: string; revealSecretKeys: boolean }; role: string };

export async function membershipBySlug(userId: string, slug: string): Promise<Membership | null> {
  const row = await db().membership.findFirst({
    where: { userId, project: { slug } },
    select: { role: true, project: { select: { id: true, slug: true, name: true, revealSecretKeys: true } } },
  });
  return row;
}

export async function projectsOf(userId: string) {
  const rows = await db().membership.findMany({
    where: { userId },
    orderBy: { project: { name: "asc" } },
    select: { role: true, project: { select: { id: true, slug: true, name: true } } },
  });
  return rows.map((r) => ({ ...r.project, role: r.role }));
}

/** Where signing in lands: the last project used, else the first one. */
export async function landingProjectSlug(userId: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { lastProjectId: true } });
  if (user?.lastProjectId) {
    const last = await db().membership.findFirst({
      where: { userId, projectId: user.lastProjectId },
      select: { project: { select: { slug: true } } },
    });
    if (last) return last.project.slug;
  }
  const first = await db().membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { project: { select: { slug: true } } } });
  return first?.project.slug ?? null;
}

export async function projectSummary(projectId: string) {
  return db().project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, slug: true, name: true } });
}
