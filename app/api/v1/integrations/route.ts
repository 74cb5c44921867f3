// /api/v1/integrations: GET list [admin+], POST [admin+]; other methods 405
import { collectionRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = collectionRoutes("integrations");
