import { z } from "zod";
import { idField, nameField } from "@/lib/validation";
import { TOKEN_ENDPOINT_AUTH_METHODS } from "./auth-methods";
import { SCOPES } from "./scopes";

// The dashboard's "Register client" and "Delete" inputs (the RFC 7591 endpoint reads client
// metadata in metadata.ts instead, with RFC-shaped errors).

export const registerClientSchema = z.object({
  name: nameField("Name", 100),
  scopes: z
    .array(z.enum(SCOPES as [string, ...string[]], { error: "Not a scope this server knows." }), { error: "Choose at least one scope." })
    .min(1, "Choose at least one scope.")
    .max(SCOPES.length)
    .transform((scopes) => [...new Set(scopes)].sort()),
  authMethod: z.enum(TOKEN_ENDPOINT_AUTH_METHODS, { error: "Choose how the client authenticates." }).optional().default("client_secret_basic"),
});
export type RegisterClientInput = z.infer<typeof registerClientSchema>;

export const clientIdSchema = z.object({ id: idField });
