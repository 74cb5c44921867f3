// A secretlint rule for Latchkey credentials. The format: lk_<kind>_<32 base62><6 base62 CRC32 of
// "lk_<kind>_<random>">. Only a string whose checksum matches is reported, so a look-alike (a
// placeholder, a truncated or edited key) is not. Standalone, to be installed on its own
// (`npm i -D <latchkey>/scanners/secretlint-rule-latchkey`); the project's tests check that it
// agrees with the server's own parser.
import { crc32 } from "node:zlib";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CANDIDATE = /(?<![0-9A-Za-z_])lk_(pk|sk|at|cs|rt)_[0-9A-Za-z]{32}[0-9A-Za-z]{6}(?![0-9A-Za-z])/g;
const KINDS = {
  sk: "a secret API key",
  pk: "a publishable API key (public by design, but it names the project)",
  at: "an OAuth access token",
  cs: "an OAuth client secret",
  rt: "an OAuth registration access token",
};

/** Whether a 44-character candidate's last 6 characters are the base62 CRC32 of the first 38. */
export function hasLatchkeyChecksum(candidate) {
  const head = candidate.length - 6;
  let value = 0;
  for (let i = head; i < candidate.length; i++) value = value * 62 + BASE62.indexOf(candidate[i]);
  return value === crc32(candidate.slice(0, head));
}

const messages = {
  LatchkeyCredential: {
    en: (props) => `found ${props.what}: ${props.preview}. Revoke it (or report it: POST /api/v1/credentials/revoke) and use a new one.`,
  },
};

/** @type {import("@secretlint/types").SecretLintRuleCreator} */
export const creator = {
  messages,
  meta: {
    id: "secretlint-rule-latchkey",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: { url: "https://github.com/latchkey/latchkey#key-hygiene" },
  },
  create(context) {
    const t = context.createTranslator(messages);
    return {
      file(source) {
        for (const match of source.content.matchAll(CANDIDATE)) {
          if (!hasLatchkeyChecksum(match[0])) continue;
          const preview = `${match[0].slice(0, 10)}…${match[0].slice(-4)}`;
          context.report({ message: t("LatchkeyCredential", { what: KINDS[match[1]], preview }), range: [match.index, match.index + match[0].length] });
        }
      },
    };
  },
};

export default creator;
