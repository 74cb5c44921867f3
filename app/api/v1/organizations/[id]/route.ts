// /api/v1/organizations/{id}: GET one [support+], PATCH [client+], DELETE [admin+]; other methods 405
import { itemRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = itemRoutes("organizations");
