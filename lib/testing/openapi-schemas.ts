import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

// Validates values against schemas inside an OpenAPI 3.1 document (JSON Schema 2020-12), by JSON
// pointer, with every $ref resolved inside the document.

export type SchemaCheck = (pointer: string, value: unknown) => string[];

/** "/paths/~1api~1v1~1users/get": escapes a path or other key for a JSON pointer. */
export const pointerKey = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

export function schemaChecker(document: object): SchemaCheck {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: "https://latchkey.invalid/openapi.json" });
  return (pointer, value) => {
    const validate = ajv.getSchema(`https://latchkey.invalid/openapi.json#${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
  };
}
