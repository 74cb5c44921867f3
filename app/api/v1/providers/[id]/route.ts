// /api/v1/providers/{id}: GET one [admin+], PATCH [admin+], DELETE [admin+]; other methods 405
import { itemRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = itemRoutes("providers");
