import { z } from "zod";
import { idField, slugField } from "@/lib/validation";
import { CONTROL_CHARACTERS_BUT_LINE_BREAKS, controlCharacter, trimmedTextPattern } from "@/lib/control-characters";

// Field rules shared by the /api/v1 resource schemas. Every object schema is strict: unknown
// fields are refused, never silently dropped.

const CONTROL = controlCharacter(true);
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_KEYS = 100;

export function text(label: string, max: number, { multiline = false } = {}) {
  return (
    z
      .string({ error: `${label} must be a string` })
      // The length as sent, like the document's maxLength; the rest is checked on the trimmed value.
      .max(max, `${label} must be at most ${max} characters`)
      .trim()
      .min(1, { error: `${label} must not be empty`, abort: true })
      .regex(trimmedTextPattern(multiline), `${label} must not contain control characters`)
      .refine((v) => v.isWellFormed(), `${label} contains an unpaired surrogate`)
  );
}

export const nameField = text("name", 200);
export const externalIdField = text("externalId", 200);
export { idField, slugField };

// Levels of nesting, the free-form object itself being the first. Small enough for the document to
// spell out every level (a recursive schema is more than most generators and validators can walk).
const MAX_DEPTH = 5;

/**
 * Why a free-form JSON value is refused, or null. Walks it without recursion: a body can nest
 * 100,000 levels within 1 MiB, which overflows JSON.stringify (a 500) or any recursive walk.
 */
function jsonProblem(root: unknown): string | null {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === "string" && !value.isWellFormed()) return "strings must not contain unpaired surrogates";
    // SPEC §12, as in names: a NUL or other control character is refused at any depth (tab and line breaks are text).
    if (typeof value === "string" && CONTROL.test(value)) return "strings must not contain control characters, at any depth";
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_DEPTH) return `at most ${MAX_DEPTH} levels of nesting`;
    const isArray = Array.isArray(value);
    for (const [key, child] of Object.entries(value)) {
      if (!isArray && FORBIDDEN_KEYS.has(key)) return "keys __proto__, constructor and prototype are not allowed, at any depth";
      if (!key.isWellFormed()) return "keys must not contain unpaired surrogates";
      if (!isArray && CONTROL.test(key)) return "keys must not contain control characters, at any depth";
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

/**
 * Free-form JSON object (attributes, properties, data, config), bounded in depth, keys and size.
 * The walk runs on the input as parsed: zod's record drops a "__proto__" key from its output
 * silently, and the body must be refused, not quietly changed.
 */
export const jsonObject = z.preprocess(
  (value, ctx) => {
    const problem = jsonProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
    return value;
  },
  z
    .record(
      z
        .string()
        .max(100, "keys must be at most 100 characters")
        .regex(new RegExp(`^(?!(?:${[...FORBIDDEN_KEYS].join("|")})$)`), "keys __proto__, constructor and prototype are not allowed, at any depth"),
      z.unknown(),
    )
    .superRefine((value, ctx) => {
      if (Object.keys(value).length > MAX_KEYS) ctx.addIssue({ code: "custom", message: `at most ${MAX_KEYS} keys` });
      else if (JSON.stringify(value).length > 64 * 1024) ctx.addIssue({ code: "custom", message: "at most 64 KB" });
    })
    .meta({
      description: `Free-form JSON: at most ${MAX_KEYS} keys, ${MAX_DEPTH} levels and 64 KB; no key __proto__, constructor or prototype, and no control character in a key or string, at any depth.`,
      // What the walk above enforces at every depth, said in JSON Schema, one component per level.
      override: ({ jsonSchema }) => {
        Object.assign(jsonSchema, { maxProperties: MAX_KEYS, propertyNames: { type: "string", maxLength: 100, pattern: JSON_KEY_PATTERN }, additionalProperties: jsonValueRef(2) });
      },
    }),
);

const NOT_CONTROL = `[^${CONTROL_CHARACTERS_BUT_LINE_BREAKS}]`;
const JSON_KEY_PATTERN = `^(?!(?:${[...FORBIDDEN_KEYS].join("|")})$)${NOT_CONTROL}*$`;
const jsonValueRef = (level: number) => ({ $ref: `#/components/schemas/JsonValue${level}` });

/**
 * The document's components for the values inside a free-form object, one per level (JsonValue2
 * for the object's own values … JsonValue6, scalars only): what the walk above enforces, spelled
 * out without recursion.
 */
export const JSON_VALUE_SCHEMAS = Object.fromEntries(
  Array.from({ length: MAX_DEPTH }, (_, i) => i + 2).map((level) => {
    const scalars = [{ type: "string", pattern: `^${NOT_CONTROL}*$` }, { type: ["number", "boolean", "null"] }];
    const containers =
      level > MAX_DEPTH
        ? []
        : [
            { type: "array", items: jsonValueRef(level + 1) },
            { type: "object", propertyNames: { type: "string", pattern: JSON_KEY_PATTERN }, additionalProperties: jsonValueRef(level + 1) },
          ];
    const description = `A JSON value at level ${level} of a free-form object${level > MAX_DEPTH ? " (the deepest: no object or array)" : ""}; no control character in a string or key, no key __proto__, constructor or prototype.`;
    return [`JsonValue${level}`, { description, anyOf: [...scalars, ...containers] }];
  }),
);

export const parseJson = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;
