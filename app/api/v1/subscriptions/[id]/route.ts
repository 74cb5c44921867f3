// /api/v1/subscriptions/{id}: DELETE [admin+]; other methods 405
import { itemRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = itemRoutes("subscriptions");
