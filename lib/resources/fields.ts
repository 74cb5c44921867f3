import { z } from "zod";
import { slugField } from "@/lib/validation";

// Field rules shared by the /api/v1 resource schemas. Every object schema is strict: unknown
// fields are refused, never silently dropped.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function text(label: string, max: number, { multiline = false } = {}) {
  return z
    .string({ error: `${label} must be a string` })
    .min(1, `${label} must not be empty`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine((v) => v.isWellFormed(), `${label} contains an unpaired surrogate`)
    .refine((v) => !CONTROL.test(v) && (multiline || !/[\n\r\t]/.test(v)), `${label} must not contain control characters`);
}

export const nameField = text("name", 200);
export const externalIdField = text("externalId", 200);
export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
export { slugField };

/** Free-form JSON object (attributes, properties, data, config), bounded in keys and size. */
export const jsonObject = z
  .record(z.string().max(100, "keys must be at most 100 characters"), z.unknown())
  .refine((v) => Object.keys(v).every((k) => !FORBIDDEN_KEYS.has(k)), "keys __proto__, constructor and prototype are not allowed")
  .refine((v) => Object.keys(v).length <= 100, "at most 100 keys")
  .refine((v) => JSON.stringify(v).length <= 64 * 1024, "at most 64 KB");

export const parseJson = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;
