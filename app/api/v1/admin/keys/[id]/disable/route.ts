// POST /api/v1/admin/keys/{id}/disable: refuse the key from the next request until enabled [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { disableKeyRoute } from "../../handlers";

const other = methodNotAllowed<{ id: string }>(["POST"]);

export const POST = disableKeyRoute;
export const GET = other;
export const PUT = other;
export const PATCH = other;
export const DELETE = other;
export const OPTIONS = optionsRoute(["POST"]);
