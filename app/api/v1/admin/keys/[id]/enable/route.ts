// POST /api/v1/admin/keys/{id}/enable: let a disabled key in again [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { enableKeyRoute } from "../../handlers";

const other = methodNotAllowed<{ id: string }>(["POST"]);

export const POST = enableKeyRoute;
export const GET = other;
export const PUT = other;
export const PATCH = other;
export const DELETE = other;
export const OPTIONS = optionsRoute(["POST"]);
