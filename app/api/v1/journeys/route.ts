// /api/v1/journeys: GET list [support+], POST [editor+]; other methods 405
import { collectionRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = collectionRoutes("journeys");
