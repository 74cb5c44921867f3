import { z } from "zod";
import { nameField } from "@/lib/validation";

export const createProjectSchema = z.object({ name: nameField("Project name", 100) });

/** A checkbox or switch posts "on" when set and nothing when not. */
export const revealSettingSchema = z.object({
  revealSecretKeys: z
    .enum(["on", "off"])
    .optional()
    .default("off")
    .transform((v) => v === "on"),
});
