import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { lintSource } from "@secretlint/core";
import { parse as parseToml } from "smol-toml";
import { CREDENTIAL_KINDS, generateKey, parseKey, type CredentialKind } from "./format";
// @ts-expect-error plain ESM package without types
import rule, { hasLatchkeyChecksum } from "../../scanners/secretlint-rule-latchkey/index.js";

// SPEC §15: the scanner rules that ship in scanners/ find a planted key and ignore a look-alike.

const SCANNERS = path.resolve(__dirname, "../../scanners");
const keyOf = (kind: CredentialKind) => generateKey(kind as Parameters<typeof generateKey>[0]);
/** The same key with one character of its random part changed: the format holds, the checksum does not. */
const withBadChecksum = (key: string) => key.slice(0, 10) + (key[10] === "A" ? "B" : "A") + key.slice(11);

const planted = (secret: string) => `# deploy settings\nLATCHKEY_URL=https://keys.example.com\nLATCHKEY_API_KEY=${secret}\nDEBUG=false\n`;

async function secretlint(content: string) {
  const result = await lintSource({
    source: { filePath: "/repo/.env", content, ext: ".env", contentType: "text" },
    options: { config: { rules: [{ id: rule.meta.id, rule, options: {} }] } },
  });
  return result.messages;
}

describe("secretlint-rule-latchkey", () => {
  it("finds a planted key of every kind, at its exact place, and names it without repeating it", async () => {
    for (const kind of CREDENTIAL_KINDS) {
      const secret = keyOf(kind);
      const content = planted(secret);
      const messages = await secretlint(content);
      expect(messages, kind).toHaveLength(1);
      expect(content.slice(...messages[0].range)).toBe(secret);
      expect(messages[0].message).not.toContain(secret);
    }
  });

  it("ignores a string in the key format whose checksum is wrong, and a key inside a longer token", async () => {
    const secret = keyOf("sk");
    expect(await secretlint(planted(withBadChecksum(secret)))).toEqual([]);
    expect(await secretlint(planted(`x${secret}`))).toEqual([]);
    expect(await secretlint(planted(`${secret}Z`))).toEqual([]);
    expect(await secretlint("lk_sk_00000000000000000000000000000000000000 lk_sk_your_key_here")).toEqual([]);
  });

  it("checks the checksum exactly as the server does, for every kind and single-character change", () => {
    for (const kind of CREDENTIAL_KINDS) {
      for (let i = 0; i < 300; i++) {
        const key = keyOf(kind);
        expect(hasLatchkeyChecksum(key)).toBe(true);
        const at = 6 + (i % 38);
        const changed = key.slice(0, at) + (key[at] === "0" ? "1" : "0") + key.slice(at + 1);
        expect(hasLatchkeyChecksum(changed), changed).toBe(parseKey(changed).ok);
      }
    }
  });
});

describe("scanners/gitleaks.toml", () => {
  const config = parseToml(fs.readFileSync(path.join(SCANNERS, "gitleaks.toml"), "utf8")) as { rules: { id: string; regex: string; keywords: string[] }[] };
  // gitleaks is Go (RE2); these patterns use only what RE2 and JavaScript read alike.
  const rules = config.rules.map((r) => ({ ...r, pattern: new RegExp(r.regex, "g") }));
  const found = (content: string) => rules.flatMap((r) => [...content.matchAll(r.pattern)].map((m) => ({ rule: r.id, match: m[0], keyword: r.keywords.some((k) => m[0].startsWith(k)) })));

  it("has a rule, with its keyword, that finds a planted credential of every kind, and only it", () => {
    for (const kind of CREDENTIAL_KINDS) {
      const secret = keyOf(kind);
      expect(found(planted(secret)), kind).toEqual([expect.objectContaining({ match: secret, keyword: true })]);
    }
    expect(found("LATCHKEY_API_KEY=lk_sk_short\nnothing here\nxlk_sk_" + "a".repeat(38))).toEqual([]);
  });

  it("files secret keys under their own rule id, apart from publishable keys", () => {
    expect(found(planted(keyOf("sk")))[0].rule).toBe("latchkey-secret-key");
    expect(found(planted(keyOf("pk")))[0].rule).toBe("latchkey-publishable-key");
  });
});
