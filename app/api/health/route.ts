// GET /api/health: liveness, no key needed
import { optionsRoute, publicMethodNotAllowed, publicRoute } from "@/lib/api/handler";

export const GET = publicRoute(async () => ({ status: "ok" }));
export const OPTIONS = optionsRoute(["GET"]);
export const POST = publicMethodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
