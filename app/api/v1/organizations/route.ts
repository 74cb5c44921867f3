// /api/v1/organizations: GET list [support+], POST [client+]; other methods 405
import { collectionRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = collectionRoutes("organizations");
