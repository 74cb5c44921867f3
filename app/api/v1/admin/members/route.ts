// /api/v1/admin/members: GET the project's members and pending invitations by id, in pages (?limit=, ?cursor=); POST provisions one by e-mail [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { addMemberRoute, listMembersRoute } from "./handlers";

const other = methodNotAllowed(["GET", "POST"]);

export const GET = listMembersRoute;
export const POST = addMemberRoute;
export const PUT = other;
export const PATCH = other;
export const DELETE = other;
export const OPTIONS = optionsRoute(["GET", "POST"]);
