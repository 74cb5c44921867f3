import { z } from "zod";
import { nameField } from "@/lib/validation";

export const createProjectSchema = z.object({ name: nameField("Project name", 100) });
