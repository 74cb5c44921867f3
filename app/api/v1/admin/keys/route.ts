// /api/v1/admin/keys: GET the project's keys by id, in pages (?limit=, ?cursor=); POST creates one, its secret in the answer once [admin]; other methods 405
import { methodNotAllowed, optionsRoute } from "@/lib/api/handler";
import { createKeyRoute, listKeysRoute } from "./handlers";

const other = methodNotAllowed(["GET", "POST"]);

export const GET = listKeysRoute;
export const POST = createKeyRoute;
export const PUT = other;
export const PATCH = other;
export const DELETE = other;
export const OPTIONS = optionsRoute(["GET", "POST"]);
