import "server-only";
import { hasMemberRole, type MemberRole } from "@/lib/permissions";
import { membershipBySlug } from "@/lib/projects/queries";
import { currentUser, type SessionUser } from "./session";
import { missesRequiredTwoFactor, TWO_FACTOR_REQUIRED_MESSAGE } from "./two-factor-gate";

// The door of the dashboard's own route handlers under /p/<slug>/… (reads for client views,
// downloads): like `projectAction`, it signs the caller in from the session and checks the member
// role on the server. A project the caller is not a member of is 404, as on its pages.

export type MemberRouteContext = {
  req: Request;
  user: SessionUser;
  project: { id: string; slug: string; name: string };
  role: MemberRole;
};

type RouteContext = { params: Promise<{ slug: string }> };

export function problem(status: number, code: string, message: string, details?: Record<string, unknown>): Response {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Marks a handler built here, so a test can prove no dashboard route handler skips this door. */
export const MEMBER_GUARDED = Symbol.for("latchkey.member-guarded");

export function memberRoute(least: MemberRole, handler: (ctx: MemberRouteContext) => Promise<Response>) {
  const route = async (req: Request, { params }: RouteContext): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) return problem(401, "unauthenticated", "Your session has ended. Sign in again.");
      const { slug } = await params;
      const membership = typeof slug === "string" && slug.length <= 100 ? await membershipBySlug(user.id, slug) : null;
      if (!membership || !hasMemberRole(membership.role, least)) return problem(404, "not_found", "Project not found.");
      if (missesRequiredTwoFactor(membership)) return problem(403, "two_factor_required", TWO_FACTOR_REQUIRED_MESSAGE);
      return await handler({ req, user, project: membership.project, role: membership.role as MemberRole });
    } catch (error) {
      // Name only: an ORM message can echo the arguments of the failed call.
      console.error(`dashboard route failed: ${(error as { name?: string } | null)?.name ?? typeof error}`);
      return problem(500, "internal", "Something went wrong. Please try again.");
    }
  };
  return Object.assign(route, { [MEMBER_GUARDED]: least });
}
