// /api/v1/admin/members/{id}: GET a member or invitation, PATCH a member's role, DELETE a member or cancel an invitation [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { getMemberRoute, patchMemberRoute, removeMemberRoute } from "../handlers";

const other = methodNotAllowed<{ id: string }>(["GET", "PATCH", "DELETE"]);

export const GET = getMemberRoute;
export const PATCH = patchMemberRoute;
export const DELETE = removeMemberRoute;
export const POST = other;
export const PUT = other;
export const OPTIONS = optionsRoute(["GET", "PATCH", "DELETE"]);
