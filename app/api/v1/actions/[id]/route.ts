// /api/v1/actions/{id}: GET one [support+], PATCH [editor+], DELETE [admin+]; other methods 405
import { itemRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = itemRoutes("actions");
