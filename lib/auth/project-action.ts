import "server-only";
import { z } from "zod";
import { failure, formToObject, resultOf, type ActionResult } from "@/lib/action-result";
import type { AuditContext } from "@/lib/audit/record";
import { hasMemberRole, type MemberRole } from "@/lib/permissions";
import { membershipBySlug } from "@/lib/projects/queries";
import { NO_CONTROL } from "@/lib/validation";
import { currentUser, requestMeta, type SessionUser } from "./session";
import { missesRequiredTwoFactor, TWO_FACTOR_REQUIRED_MESSAGE } from "./two-factor-gate";

// Server actions are public POST endpoints: this wrapper is the only way ours are built. It signs
// the caller in, finds the project by the slug in the input, checks the member role on the
// server, validates the input with zod and turns every failure into an ActionResult.

export type ProjectActionContext = {
  user: SessionUser;
  project: { id: string; slug: string; name: string };
  role: MemberRole;
  audit: AuditContext;
};

type Input = FormData | Record<string, unknown>;

/** For the few actions that need a signed-in user but no project (creating a project). */
export function userAction<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>, ctx: { user: SessionUser; audit: AuditContext }) => Promise<T>) {
  return async (_previous: unknown, raw: Input): Promise<ActionResult<T>> => {
    try {
      const user = await currentUser();
      if (!user) return failure("unauthenticated", "Your session has ended. Sign in again.");
      const input = schema.parse(formToObject(raw));
      const audit: AuditContext = { actor: { type: "user", id: user.id, label: user.email }, meta: await requestMeta() };
      return { ok: true, data: await fn(input, { user, audit }) };
    } catch (error) {
      return resultOf(error);
    }
  };
}

const projectSlug = z.object({ projectSlug: z.string().min(1).max(100).regex(NO_CONTROL) });

export function projectAction<S extends z.ZodType, T>(schema: S, least: MemberRole, fn: (input: z.infer<S>, ctx: ProjectActionContext) => Promise<T>) {
  return async (_previous: unknown, raw: Input): Promise<ActionResult<T>> => {
    try {
      const user = await currentUser();
      if (!user) return failure("unauthenticated", "Your session has ended. Sign in again.");
      const values = formToObject(raw);
      const slug = projectSlug.safeParse(values);
      if (!slug.success) return failure("not_found", "Project not found.");
      const membership = await membershipBySlug(user.id, slug.data.projectSlug);
      if (!membership) return failure("not_found", "Project not found.");
      if (missesRequiredTwoFactor(membership)) return failure("two_factor_required", TWO_FACTOR_REQUIRED_MESSAGE);
      if (!hasMemberRole(membership.role, least)) {
        return failure("forbidden", `Your role "${membership.role}" cannot do this; ask a project ${least} or owner.`);
      }
      const input = schema.parse(values);
      const audit: AuditContext = { actor: { type: "user", id: user.id, label: user.email }, meta: await requestMeta() };
      const data = await fn(input, { user, project: membership.project, role: membership.role as MemberRole, audit });
      return { ok: true, data };
    } catch (error) {
      return resultOf(error);
    }
  };
}
