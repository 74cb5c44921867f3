// POST /api/v1/admin/keys/{id}/revoke: revoke a key, at once and for good [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { revokeKeyRoute } from "../../handlers";

const other = methodNotAllowed<{ id: string }>(["POST"]);

export const POST = revokeKeyRoute;
export const GET = other;
export const PUT = other;
export const PATCH = other;
export const DELETE = other;
export const OPTIONS = optionsRoute(["POST"]);
