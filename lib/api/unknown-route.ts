import { ApiError } from "./errors";
import { publicRoute } from "./handler";

/** Any path under /api that no route serves: 404 not_found in the §7 envelope, whatever the method or query. */
export const unknownApiRoute = publicRoute(
  async () => {
    throw new ApiError("not_found", "There is no such API route. See GET /api/v1/openapi.json for the routes.");
  },
  { query: "any" },
);
