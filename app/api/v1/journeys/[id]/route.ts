// /api/v1/journeys/{id}: GET one [support+], PATCH [editor+], DELETE [editor+]; other methods 405
import { itemRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = itemRoutes("journeys");
