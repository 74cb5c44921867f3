import type { OutgoingMail } from "./outbox";
import { CONTROL_CHARACTERS } from "@/lib/control-characters";

// The texts of every e-mail Latchkey sends (SPEC §9). Plain text only. They name the key, its
// preview, who acted and when, and link to it; a secret is never an input here (the one secret a
// mail carries is an invite link, SPEC §13).

/**
 * Every subject is fixed text (SPEC §13): a subject is what a phishing mail needs, so nothing a
 * person chose (a project, key or person's name) ever goes in one. The body names them.
 */
export const MAIL_SUBJECTS = {
  keyCreated: "An API key was created in your Latchkey project",
  oauthClientRegistered: "An OAuth client was registered in your Latchkey project",
  keyRotated: "An API key was rotated in your Latchkey project",
  keyExpiring: "An API key in your Latchkey project expires within 7 days",
  keyLeaked: "An API key in your Latchkey project was reported leaked and is revoked",
  secretKeyInBrowser: "A secret API key of your Latchkey project was sent from a browser",
  keyQuotaWarning: "An API key in your Latchkey project used 80% of its quota",
  keyQuotaReached: "An API key in your Latchkey project used all of its quota",
  keysDisabledUnused: "Unused API keys in your Latchkey project were disabled",
  memberAdded: "You were added to a project on Latchkey",
  invitation: "You are invited to a project on Latchkey",
  signUpLink: "Finish creating your Latchkey account",
  signUpExistingAccount: "Sign-up attempt for your Latchkey account",
} as const;

export type KeyMention = { id: string; name: string; preview: string };
export type ProjectMention = { slug: string; name: string };

export function appUrl(): string {
  return (process.env.LATCHKEY_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}

export const keyUrl = (project: ProjectMention, keyId: string) => `${appUrl()}/p/${encodeURIComponent(project.slug)}/settings/api-keys/${encodeURIComponent(keyId)}`;

/** "2026-11-23 08:10 UTC": unambiguous for every reader, whatever their time zone. */
export const mailTime = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

const footer = (project: ProjectMention, undo = "revoke the key on the API Keys page") =>
  `\n\nYou receive this because you are an owner or admin of the project "${project.name}" on Latchkey.\nIf you did not expect it, ${undo} and check the project's audit log.\n`;

export function keyCreatedMail(input: { project: ProjectMention; key: KeyMention; role: string; actor: string; at: Date }): OutgoingMail {
  const { project, key } = input;
  return {
    subject: MAIL_SUBJECTS.keyCreated,
    body:
      `${input.actor} created the API key "${key.name}" (${key.preview}, role ${input.role}) in the project "${project.name}".\n` +
      `When: ${mailTime(input.at)}\n` +
      `View the key: ${keyUrl(project, key.id)}` +
      footer(project),
  };
}

/** A registered OAuth client holds a long-lived secret, like a key: the same people hear of it (SPEC §9, §14). */
export function oauthClientRegisteredMail(input: { project: ProjectMention; client: { name: string; clientId: string; scope: string }; actor: string; at: Date }): OutgoingMail {
  const { project, client } = input;
  return {
    subject: MAIL_SUBJECTS.oauthClientRegistered,
    body:
      `${input.actor} registered the OAuth client "${client.name}" (${client.clientId}, scope ${client.scope}) in the project "${project.name}".\n` +
      `It can get access tokens for that scope until it is deleted.\n` +
      `When: ${mailTime(input.at)}\n` +
      `View the project's OAuth clients: ${appUrl()}/p/${encodeURIComponent(project.slug)}/settings/oauth-clients` +
      footer(project, "delete the client on the OAuth clients page"),
  };
}

export function keyRotatedMail(input: { project: ProjectMention; old: KeyMention; replacement: KeyMention; oldKeyStopsAt: Date; actor: string; at: Date }): OutgoingMail {
  const { project, old, replacement } = input;
  const stops = input.oldKeyStopsAt.getTime() <= input.at.getTime() ? "The old key stopped working at once." : `The old key keeps working until ${mailTime(input.oldKeyStopsAt)}.`;
  return {
    subject: MAIL_SUBJECTS.keyRotated,
    body:
      `${input.actor} rotated the API key "${old.name}" in the project "${project.name}": ${old.preview} is replaced by ${replacement.preview}.\n` +
      `${stops}\n` +
      `When: ${mailTime(input.at)}\n` +
      `View the new key: ${keyUrl(project, replacement.id)}` +
      footer(project),
  };
}

export function keyExpiringMail(input: { project: ProjectMention; key: KeyMention; expiresAt: Date }): OutgoingMail {
  const { project, key } = input;
  return {
    subject: MAIL_SUBJECTS.keyExpiring,
    body:
      `The API key "${key.name}" (${key.preview}) in the project "${project.name}" expires at ${mailTime(input.expiresAt)}.\n` +
      `Requests with it will then be refused with 401 key_expired. Rotate it before then to keep your integration working.\n` +
      `View the key: ${keyUrl(project, key.id)}` +
      footer(project),
  };
}

export function keyLeakedMail(input: { project: ProjectMention; key: KeyMention; at: Date; reportedFrom: { ip: string | null; userAgent: string | null } }): OutgoingMail {
  const { project, key, reportedFrom } = input;
  return {
    subject: MAIL_SUBJECTS.keyLeaked,
    body:
      `The secret API key "${key.name}" (${key.preview}) in the project "${project.name}" was reported as leaked, and Latchkey revoked it.\n` +
      `When: ${mailTime(input.at)}\n` +
      `Reported from: ${reportedFrom.ip ?? "an unknown address"}${reportedFrom.userAgent ? ` (${reportedFrom.userAgent.replace(new RegExp(`[${CONTROL_CHARACTERS}]`, "g"), " ").slice(0, 200)})` : ""}\n` +
      `Requests with it are now refused with 401 key_revoked. Create a new key, put it where the old one was used, and find where the old one was exposed (a public repository, a log, a paste).\n` +
      `View the key: ${keyUrl(project, key.id)}` +
      footer(project, "look at the project's other keys"),
  };
}

/** A secret key (or access token) refused because a browser sent it (SPEC §16): at most once a day per key. */
export function secretKeyInBrowserMail(input: { project: ProjectMention; key: KeyMention; at: Date; origin: string | null; ip: string | null }): OutgoingMail {
  const { project, key } = input;
  return {
    subject: MAIL_SUBJECTS.secretKeyInBrowser,
    body:
      `A browser sent the secret API key "${key.name}" (${key.preview}) of the project "${project.name}", and Latchkey refused it (401 secret_key_in_browser).\n` +
      `When: ${mailTime(input.at)}\n` +
      `From: ${input.ip ?? "an unknown address"}${input.origin ? `, on a page of ${input.origin.replace(new RegExp(`[${CONTROL_CHARACTERS}]`, "g"), " ").slice(0, 200)}` : ""}\n` +
      `The key may have leaked into front-end code, where anyone can read it. Rotate it, and call the API from your server (or use a publishable key in the browser).\n` +
      `View the key: ${keyUrl(project, key.id)}` +
      footer(project),
  };
}

/** A key's quota notice at 80% and at 100% (SPEC §16), once per period each. */
export function keyQuotaMail(input: { project: ProjectMention; key: KeyMention; threshold: 80 | 100; quota: number; period: string }): OutgoingMail {
  const { project, key } = input;
  const per = input.period === "month" ? "month" : "day";
  const what =
    input.threshold === 100
      ? `has used all of its quota of ${input.quota.toLocaleString("en")} requests this ${per}: further requests are refused with 429 quota_exhausted until the quota refills at the start of the next ${per} (UTC).`
      : `has used 80% of its quota of ${input.quota.toLocaleString("en")} requests this ${per}.`;
  return {
    subject: input.threshold === 100 ? MAIL_SUBJECTS.keyQuotaReached : MAIL_SUBJECTS.keyQuotaWarning,
    body:
      `The API key "${key.name}" (${key.preview}) in the project "${project.name}" ${what}\nView the key or change its quota: ${keyUrl(project, key.id)}` +
      footer(project, "look at the key's recent requests"),
  };
}

/** The key policy's daily run disabled keys unused for `days` days (SPEC §15): one mail per run and project. */
export function keysDisabledUnusedMail(input: { project: ProjectMention; keys: KeyMention[]; days: number; at: Date }): OutgoingMail {
  const { project, keys } = input;
  return {
    subject: MAIL_SUBJECTS.keysDisabledUnused,
    body:
      `The key policy of the project "${project.name}" disables keys unused for ${input.days} days. On ${mailTime(input.at)} it disabled ${keys.length === 1 ? "this key" : `these ${keys.length} keys`}:\n` +
      keys.map((key) => `- "${key.name}" (${key.preview}): ${keyUrl(project, key.id)}\n`).join("") +
      `Requests with ${keys.length === 1 ? "it" : "them"} are refused with 401 key_disabled. If one is still needed, enable it on its page; it then has another ${input.days} days before the policy disables it again.` +
      footer(project, "look at the project's key policy on its Security page"),
  };
}

export function memberAddedMail(input: { project: ProjectMention; role: string; actor: string }): OutgoingMail {
  const { project } = input;
  return {
    subject: MAIL_SUBJECTS.memberAdded,
    body: `${input.actor} added you to the project "${project.name}" on Latchkey as ${input.role}.\n` + `Open it: ${appUrl()}/p/${encodeURIComponent(project.slug)}/settings/api-keys\n`,
  };
}

/** The invitation: its link is the only way in (SPEC §13), so it is the whole point of the mail. */
export function invitationMail(input: { project: ProjectMention; role: string; actor: string; link: string; expiresAt: Date }): OutgoingMail {
  return {
    subject: MAIL_SUBJECTS.invitation,
    body:
      `${input.actor} invited you to join the project "${input.project.name}" on Latchkey as ${input.role}.\n` +
      `Accept the invitation: ${input.link}\n\n` +
      `The link works once, for this e-mail address only, until ${mailTime(input.expiresAt)}. ` +
      `If you have no Latchkey account yet, you can create one from the link.\n` +
      `If you did not expect this invitation, ignore this e-mail; nothing happens unless the link is used.\n`,
  };
}

// The two answers to a sign-up carry no text the person signing up typed (a name or project name
// sent to someone else's address would be a lure), only the link or the advice.
export function signUpLinkMail(input: { link: string; validHours: number }): OutgoingMail {
  return {
    subject: MAIL_SUBJECTS.signUpLink,
    body:
      `Someone (we hope you) asked to create a Latchkey account with this e-mail address.\n` +
      `To finish, open this link within ${input.validHours} hours and enter the password you chose:\n${input.link}\n\n` +
      `If it was not you, ignore this e-mail: no account is created without the link.\n`,
  };
}

export function signUpExistingAccountMail(): OutgoingMail {
  return {
    subject: MAIL_SUBJECTS.signUpExistingAccount,
    body:
      `Someone (we hope you) tried to create a Latchkey account with this e-mail address, which already has one.\n` +
      `Sign in instead: ${appUrl()}/login\n` +
      `Forgot your password? Reset it from the sign-in page.\n\n` +
      `If it was not you, you need not do anything: nothing was changed.\n`,
  };
}
