// GET /api/v1/admin/keys: the project's keys by id, in pages (?limit=, ?cursor=) [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { listKeysRoute } from "./handlers";

// Keys are created in the dashboard, where the secret is shown once.
const readOnly = methodNotAllowed(["GET"]);

export const GET = listKeysRoute;
export const POST = readOnly;
export const PUT = readOnly;
export const PATCH = readOnly;
export const DELETE = readOnly;
export const OPTIONS = optionsRoute(["GET"]);
