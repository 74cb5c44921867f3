import { z } from "zod";
import { API_ROLES } from "@/lib/permissions";
import { idField, optionalText } from "@/lib/validation";

export const KEY_SCOPES = ["all", "channels"] as const;
export const EXPIRY_CHOICES = ["never", "30", "60", "90", "custom"] as const;
export const MAX_EXPIRY_DAYS = 5 * 365;

const keySettings = z.object({
  name: optionalText("Name", 100),
  description: optionalText("Description", 500),
  role: z.enum(API_ROLES, { error: "Choose one of the roles." }),
  scope: z.enum(KEY_SCOPES, { error: "Choose a scope." }),
  channels: z.array(idField).max(200).optional().default([]),
});

function requireChannelsWhenScoped(value: { scope: string; channels: string[] }, ctx: z.RefinementCtx) {
  if (value.scope === "channels" && value.channels.length === 0) {
    ctx.addIssue({ code: "custom", path: ["channels"], message: "Choose at least one channel, or scope the key to all recipients." });
  }
}

export const createKeySchema = keySettings
  .extend({
    expires: z.enum(EXPIRY_CHOICES, { error: "Choose when the key expires." }).optional().default("never"),
    expiresOn: z.string().trim().max(10).optional().default(""),
  })
  .superRefine((value, ctx) => {
    requireChannelsWhenScoped(value, ctx);
    if (value.expires === "custom" && !/^\d{4}-\d{2}-\d{2}$/.test(value.expiresOn)) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Pick the date the key expires." });
    }
  });
export type CreateKeyInput = z.infer<typeof createKeySchema>;

export const updateKeySchema = keySettings.extend({ id: idField }).superRefine(requireChannelsWhenScoped);
export type UpdateKeyInput = z.infer<typeof updateKeySchema>;

export const keyIdSchema = z.object({ id: idField });

/** The moment a new key expires, or null. Custom dates expire at the end of that day (UTC). */
export function expiryFrom(input: Pick<CreateKeyInput, "expires" | "expiresOn">, from: Date): Date | null | "invalid" {
  if (input.expires === "never") return null;
  if (input.expires !== "custom") return new Date(from.getTime() + Number(input.expires) * 86_400_000);
  const end = new Date(`${input.expiresOn}T23:59:59.999Z`);
  if (Number.isNaN(end.getTime()) || end <= from) return "invalid";
  if (end.getTime() - from.getTime() > MAX_EXPIRY_DAYS * 86_400_000) return "invalid";
  return end;
}
