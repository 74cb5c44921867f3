import "server-only";
import { LRUCache } from "lru-cache";
import { db } from "@/lib/db";
import { slugShaped } from "@/lib/validation";

export type Membership = {
  project: { id: string; slug: string; name: string; revealSecretKeys: boolean; requireTwoFactor: boolean };
  role: string;
  user: { totpEnabledAt: Date | null };
};

export async function membershipBySlug(userId: string, slug: string): Promise<Membership | null> {
  // Every door (pages, actions, dashboard routes) finds the project here, with a slug from a URL or a form.
  if (!slugShaped(slug)) return null;
  const row = await db().membership.findFirst({
    where: { userId, project: { slug } },
    select: {
      role: true,
      project: { select: { id: true, slug: true, name: true, revealSecretKeys: true, requireTwoFactor: true } },
      // For the project's "Require two-factor" switch, checked at each door (lib/auth/two-factor-gate.ts).
      user: { select: { totpEnabledAt: true } },
    },
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

type ProjectSummary = { id: string; slug: string; name: string };
// A project's name and address change rarely (and not at all today): /api/v1/me answers from
// memory, so a warm call costs no database read. A minute at most of staleness is harmless here.
const summaries = ((globalThis as { __latchkeyProjectSummaries?: LRUCache<string, ProjectSummary> }).__latchkeyProjectSummaries ??= new LRUCache<string, ProjectSummary>({ max: 10_000, ttl: 60_000 }));

export async function projectSummary(projectId: string): Promise<ProjectSummary> {
  const cached = summaries.get(projectId);
  if (cached) return cached;
  const summary = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, slug: true, name: true } });
  summaries.set(projectId, summary);
  return summary;
}
