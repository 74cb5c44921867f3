import { describe, expect, it } from "vitest";
import * as templates from "./templates";
import type { OutgoingMail } from "./outbox";

// Finding #8: a project named "Security alert: verify at https://evil.example/login now" put the
// lure in the subject of every mail the instance sent. A subject is fixed text; only the body
// may name what a person chose (a project, a key, a person), as plain text.

const LURE = "Security alert: verify at https://evil.example/login now";
const project = { slug: "lure", name: LURE };
const key = { id: "key_1", name: `${LURE} (key)`, preview: "lk_sk_…abcd" };
const at = new Date("2026-11-26T08:00:00Z");

/** Every template, called with the lure in every field a person chooses. */
const CASES: Record<string, () => OutgoingMail> = {
  keyCreatedMail: () => templates.keyCreatedMail({ project, key, role: "admin", actor: LURE, at }),
  keyRotatedMail: () => templates.keyRotatedMail({ project, old: key, replacement: { ...key, id: "key_2" }, oldKeyStopsAt: at, actor: LURE, at }),
  oauthClientRegisteredMail: () => templates.oauthClientRegisteredMail({ project, client: { name: `${LURE} (client)`, clientId: "lkc_x", scope: "users:read" }, actor: LURE, at }),
  keyExpiringMail: () => templates.keyExpiringMail({ project, key, expiresAt: at }),
  keyLeakedMail: () => templates.keyLeakedMail({ project, key, at, reportedFrom: { ip: "203.0.113.9", userAgent: `${LURE}\r\nBcc: x@example.com` } }),
  secretKeyInBrowserMail: () => templates.secretKeyInBrowserMail({ project, key, at, origin: "https://evil.example", ip: "203.0.113.9" }),
  keyQuotaMail: () => templates.keyQuotaMail({ project, key, threshold: 80, quota: 1000, period: "day" }),
  keysDisabledUnusedMail: () => templates.keysDisabledUnusedMail({ project, keys: [key, { ...key, id: "key_2" }], days: 30, at }),
  memberAddedMail: () => templates.memberAddedMail({ project, role: "admin", actor: LURE }),
  invitationMail: () => templates.invitationMail({ project, role: "admin", actor: LURE, link: "http://localhost:3000/invite/abc.def", expiresAt: at }),
  // Sent to whatever address someone typed at sign-up: no text they chose goes in at all.
  signUpLinkMail: () => templates.signUpLinkMail({ link: "http://localhost:3000/signup/verify#token", validHours: 24 }),
  signUpExistingAccountMail: () => templates.signUpExistingAccountMail(),
};
const TAKES_NO_CHOSEN_TEXT = new Set(["signUpLinkMail", "signUpExistingAccountMail"]);

const templateNames = Object.entries(templates)
  .filter(([name, value]) => typeof value === "function" && name.endsWith("Mail"))
  .map(([name]) => name);

describe("e-mail subjects", () => {
  it("has a case below for every template (a new template must be added here)", () => {
    expect(templateNames.sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(CASES))("%s has a fixed subject with no user-chosen text; the body names them", (name) => {
    const mail = CASES[name]();
    expect(mail.subject).not.toContain("evil");
    expect(mail.subject).not.toContain("Security alert");
    expect(Object.values(templates.MAIL_SUBJECTS)).toContain(mail.subject);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    if (!TAKES_NO_CHOSEN_TEXT.has(name)) expect(mail.body).toContain(LURE);
  });

  it("gives each kind of mail its own subject", () => {
    const subjects = Object.values(templates.MAIL_SUBJECTS);
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});

// Screenshot review: the OAuth client mail told its reader to "revoke the key on the API Keys page".
describe("what a mail tells its reader to do", () => {
  it("the OAuth client mail points to deleting the client, the key mails to revoking the key", () => {
    const clientMail = CASES.oauthClientRegisteredMail().body;
    expect(clientMail).toContain("delete the client on the OAuth clients page");
    expect(clientMail).not.toContain("API Keys page");
    expect(CASES.keyCreatedMail().body).toContain("revoke the key on the API Keys page");
  });
});
