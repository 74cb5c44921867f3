import { describe, expect, it } from "vitest";
import { nameField, slugify, textField } from "./validation";

// Review (dashboard #17): a right-to-left override made "\u202Eevil\u202C reversed" read as
// "live reversed" in the table, the audit log and e-mail: name spoofing in a security product.
describe("bidirectional controls", () => {
  const spoofs = ["\u202Eevil\u202C reversed", "a\u202Ab", "a\u202Bb", "a\u202Db", "a\u2066b\u2069", "a\u2067b", "a\u2068b"];

  it("are refused in names and free text, with the control-character message", () => {
    for (const text of spoofs) {
      expect(nameField("Name", 100).safeParse(text).error?.issues[0].message).toBe("Name cannot contain control characters.");
      expect(textField("Description", 500).safeParse(text).error?.issues[0].message).toBe("Description cannot contain control characters.");
    }
  });

  it("right-to-left text itself, and its marks, stay allowed", () => {
    for (const text of ["מפתח ייצור", "مفتاح الإنتاج", "abc\u200Fdef", "x\u200Ey"]) expect(nameField("Name", 100).parse(text)).toBe(text);
  });
});

// Review (dashboard #22): "Ünïcode" became the slug "u-ni-code".
describe("slugify", () => {
  it("drops diacritics instead of splitting the word at them", () => {
    expect(slugify("Ünïcode")).toBe("unicode");
    expect(slugify("Café Crème — Ça va")).toBe("cafe-creme-ca-va");
    expect(slugify("Test devices")).toBe("test-devices");
  });
});
