// /api/v1/channels/{id}: GET one [support+], PATCH [editor+], DELETE [admin+]; other methods 405
import { itemRoutes } from "@/lib/resources/routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = itemRoutes("channels");
