import { z } from "zod";
import { noControlPattern, trimmedTextPattern } from "@/lib/control-characters";

// Shared field rules. Names are trimmed; control characters are refused everywhere.
export const NO_CONTROL = noControlPattern(false);

/** True for a string that could be a project's slug: refused before any query otherwise (PostgreSQL refuses a NUL with an error). */
export function slugShaped(slug: unknown): slug is string {
  return typeof slug === "string" && slug.length >= 1 && slug.length <= 100 && NO_CONTROL.test(slug);
}

const SINGLE_LINE_NAME = trimmedTextPattern(false);
/** An unpaired surrogate is no text: the ORM cannot even send it to the database (a 500 otherwise). */
export const wellFormed = (text: string) => text.isWellFormed();

export function nameField(label: string, max: number) {
  return (
    z
      .string({ error: `${label} is required.` })
      // The length as sent, like the document's maxLength.
      .max(max, `${label} must be at most ${max} characters.`)
      .trim()
      .min(1, { error: `${label} is required.`, abort: true })
      .regex(SINGLE_LINE_NAME, `${label} cannot contain control characters.`)
      .refine(wellFormed, `${label} cannot contain an unpaired surrogate.`)
  );
}

/** Free text that may be empty; tabs and line breaks allowed, other control characters refused. */
export function textField(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .regex(noControlPattern(true), `${label} cannot contain control characters.`)
    .refine(wellFormed, `${label} cannot contain an unpaired surrogate.`);
}

export function optionalText(label: string, max: number) {
  return textField(label, max).optional().default("");
}

/**
 * An e-mail address: zod's local part (at most 64 characters, RFC 5321), and a domain of RFC 1035 labels (letters, digits and inner
 * hyphens, at most 63 characters; no label starts or ends with "-") ending in a letters-only TLD.
 * Given to z.email as its pattern, so the OpenAPI document states the same rule.
 */
export const EMAIL_PATTERN = /^(?=[^@]{1,64}@)(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** An object's id, in a form field, a body or a path (where the API answers a bad one 404, as an unknown one). */
export const idField = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
export const slugField = z
  .string({ error: "Slug is required." })
  .trim()
  .min(1, "Slug is required.")
  .max(50, "Slug must be at most 50 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes (e.g. test-devices).");

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
