// GET /api/health: liveness, no key needed
import { publicRoute } from "@/lib/api/handler";

export const GET = publicRoute(async () => ({ status: "ok" }));
