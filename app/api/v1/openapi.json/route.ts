// GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API, derived from the declarations [no key]
import { optionsRoute, publicMethodNotAllowed, publicRoute } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/resources/openapi";

export const GET = publicRoute(async () => openApiDocument());
export const OPTIONS = optionsRoute(["GET"]);
export const POST = publicMethodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
