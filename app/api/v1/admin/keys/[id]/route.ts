// /api/v1/admin/keys/{id}: GET one, PATCH its settings, DELETE it [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { deleteKeyRoute, getKeyRoute, patchKeyRoute } from "../handlers";

const other = methodNotAllowed<{ id: string }>(["GET", "PATCH", "DELETE"]);

export const GET = getKeyRoute;
export const PATCH = patchKeyRoute;
export const DELETE = deleteKeyRoute;
export const POST = other;
export const PUT = other;
export const OPTIONS = optionsRoute(["GET", "PATCH", "DELETE"]);
