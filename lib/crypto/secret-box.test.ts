import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";

const secret = "a".repeat(48);

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = seal("lk_pk_hello", secret);
    expect(sealed).not.toContain("lk_pk_hello");
    expect(open(sealed, secret)).toBe("lk_pk_hello");
  });

  it("uses a fresh IV each time", () => {
    expect(seal("same", secret)).not.toBe(seal("same", secret));
  });

  it("refuses a tampered ciphertext or the wrong server secret", () => {
    const sealed = seal("lk_pk_hello", secret);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("lk_pk_hellx").toString("base64url");
    expect(() => open(parts.join("."), secret)).toThrow();
    expect(() => open(sealed, "b".repeat(48))).toThrow();
  });

  it("refuses a truncated authentication tag", () => {
    const parts = seal("lk_pk_hello", secret).split(".");
    parts[2] = Buffer.from(parts[2], "base64url").subarray(0, 4).toString("base64url");
    expect(() => open(parts.join("."), secret)).toThrow();
  });

  it("refuses to run without a server secret", () => {
    expect(() => seal("x", "short")).toThrow(/LATCHKEY_SECRET/);
  });
});
