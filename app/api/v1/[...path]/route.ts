// Any other /api/v1 path: 404 not_found in the §7 envelope instead of the HTML 404 page [no key]
import { ApiError } from "@/lib/api/errors";
import { publicRoute } from "@/lib/api/handler";

const unknownRoute = publicRoute(async () => {
  throw new ApiError("not_found", "There is no such API route. See GET /api/v1/openapi.json for the routes.");
});

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
