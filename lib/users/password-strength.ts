import "server-only";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

// Password strength (SPEC §13, ASVS 2.1.7): zxcvbn-ts with its offline common-password and English
// dictionaries. They are a few megabytes and take ~350 ms to load and index (seconds on a busy
// machine), so they are required once per process, on the first check or by the warm-up the
// server starts with (instrumentation.ts), whichever comes first, and kept on globalThis, which
// every bundle of the process shares. `server-only` keeps them out of browser bundles.

/** zxcvbn's 0–4 scale; 3 is "safely unguessable: moderate protection from an offline slow-hash attack". */
export const MIN_SCORE = 3;
// Shorter names and e-mail parts ("al", "x") occur in too many good passwords to refuse them.
const MIN_PERSONAL_LENGTH = 3;

const holder = globalThis as unknown as { __latchkeyPasswordEstimator?: ZxcvbnFactory };

function strengthEstimator(): ZxcvbnFactory {
  if (!holder.__latchkeyPasswordEstimator) {
    // A synchronous require so that zod's synchronous parse can run the check.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { ZxcvbnFactory } = require("@zxcvbn-ts/core") as typeof import("@zxcvbn-ts/core");
    const common = require("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
    const en = require("@zxcvbn-ts/language-en") as typeof import("@zxcvbn-ts/language-en");
    /* eslint-enable @typescript-eslint/no-require-imports */
    holder.__latchkeyPasswordEstimator = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  }
  return holder.__latchkeyPasswordEstimator;
}

/** Loads the dictionaries now, so the first sign-up after a start does not wait for them. */
export function warmStrengthEstimator(): void {
  strengthEstimator().check("warm-up");
}

/** The e-mail, its local part, the full name and each word of it: what a password must not contain. */
export function personalWords(person: { email?: string; name?: string }): string[] {
  const email = person.email?.trim().toLowerCase() ?? "";
  const name = person.name?.trim().toLowerCase() ?? "";
  const words = [email, email.split("@")[0], name, name.replace(/\s+/g, ""), ...name.split(/[^\p{L}\p{N}]+/u)];
  return [...new Set(words)].filter((w) => w.length >= MIN_PERSONAL_LENGTH);
}

/**
 * Why `password` is too weak, in words for the person choosing it, or null when it is strong
 * enough. `person` (e-mail and name) is refused inside the password and fed to the estimator.
 */
export function passwordWeakness(password: string, person: { email?: string; name?: string } = {}): string | null {
  const personal = personalWords(person);
  // Compared also without separators, so "Ada-Lovelace!" or "ada example com" count as well.
  const squeeze = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const lower = password.toLowerCase();
  const squeezed = squeeze(password);
  const inside = (word: string) => lower.includes(word) || (squeeze(word).length >= MIN_PERSONAL_LENGTH && squeezed.includes(squeeze(word)));
  if (personal.some(inside)) {
    return "Password must not contain your e-mail address or your name.";
  }
  const result = strengthEstimator().check(password, personal);
  if (result.score >= MIN_SCORE) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return `This password is too easy to guess.${why ? ` ${why}` : ""}`;
}
