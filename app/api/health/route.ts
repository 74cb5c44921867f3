// GET /api/health: liveness, no key needed
import { optionsRoute, publicRoute } from "@/lib/api/handler";

export const GET = publicRoute(async () => ({ status: "ok" }));
export const OPTIONS = optionsRoute(["GET"]);
