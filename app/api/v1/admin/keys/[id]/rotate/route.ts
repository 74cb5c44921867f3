// POST /api/v1/admin/keys/{id}/rotate: a replacement with the same settings, its secret once [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { rotateKeyRoute } from "../../handlers";

const other = methodNotAllowed<{ id: string }>(["POST"]);

export const POST = rotateKeyRoute;
export const GET = other;
export const PUT = other;
export const PATCH = other;
export const DELETE = other;
export const OPTIONS = optionsRoute(["POST"]);
