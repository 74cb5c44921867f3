// /api/v1/providers: GET list [admin+], POST [admin+]; other methods 405
import { collectionRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = collectionRoutes("providers");
