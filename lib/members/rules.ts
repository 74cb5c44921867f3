import { MEMBER_ROLES, type MemberRole } from "@/lib/permissions";

// The member-role rules (SPEC §1, §7, issue 13), beside the key role table: who gives, changes and
// removes which member role, who gets the key e-mails, who reveals secret keys, who manages keys,
// channels and members, and who sets the project's security policies. The services, the server
// actions, the pages and the mail all read this table; none compares role names itself.

/**
 * Who acts on the member list: a member of a role, or an admin API key (through
 * /api/v1/admin/members): "apiKey" when it holds all an admin member does, "limitedApiKey" when a
 * channel scope or a rate limit holds it to less (lib/members/service.ts decides which).
 */
export type MemberActor = MemberRole | "apiKey" | "limitedApiKey";

type ActorRules = {
  /** The roles this actor may give (invite or add with, change to) and take (change from, remove). */
  grants: readonly MemberRole[];
  /** Manages keys, channels and members (the members it `grants`). */
  manages: boolean;
  /** Gets the e-mails about the project's keys (SPEC §9). */
  keyMail: boolean;
  /** May reveal a secret key again, when the project allows it (SPEC §13, in sudo mode). */
  revealsSecretKeys: boolean;
  /** Changes the reveal policy and the two-factor requirement (in sudo mode). */
  setsSecurityPolicy: boolean;
  /** Is warned about the server's setup, e.g. a public URL (LATCHKEY_URL) that is not the one in use. */
  seesSetupWarnings: boolean;
};

export const MEMBER_RULES = {
  owner: { grants: ["owner", "admin", "viewer"], manages: true, keyMail: true, revealsSecretKeys: true, setsSecurityPolicy: true, seesSetupWarnings: true },
  admin: { grants: ["admin", "viewer"], manages: true, keyMail: true, revealsSecretKeys: false, setsSecurityPolicy: false, seesSetupWarnings: false },
  viewer: { grants: [], manages: false, keyMail: false, revealsSecretKeys: false, setsSecurityPolicy: false, seesSetupWarnings: false },
  // An admin key is a machine, not a person: it never creates, changes or removes an owner, gets no
  // mail and reveals nothing (its key permissions are the key role table's: lib/permissions.ts).
  apiKey: { grants: ["admin", "viewer"], manages: true, keyMail: false, revealsSecretKeys: false, setsSecurityPolicy: false, seesSetupWarnings: false },
  // An admin member makes keys without a channel scope or a rate limit: a key held to either would
  // climb out of it through an admin it added (SPEC §7: a key never grants more than it holds).
  limitedApiKey: { grants: ["viewer"], manages: true, keyMail: false, revealsSecretKeys: false, setsSecurityPolicy: false, seesSetupWarnings: false },
} as const satisfies Record<MemberActor, ActorRules>;

/** What a role is as the target of a change. */
export const TARGET_RULES = {
  // A project keeps at least one owner; making, changing or removing one is a sensitive act (SPEC §13).
  owner: { keepOne: true, sensitive: true },
  admin: { keepOne: false, sensitive: false },
  viewer: { keepOne: false, sensitive: false },
} as const satisfies Record<MemberRole, { keepOne: boolean; sensitive: boolean }>;

export const KEPT_ROLES: MemberRole[] = MEMBER_ROLES.filter((role) => TARGET_RULES[role].keepOne);
export const KEY_MAIL_ROLES: MemberRole[] = MEMBER_ROLES.filter((role) => MEMBER_RULES[role].keyMail);

type Ability = "manages" | "keyMail" | "revealsSecretKeys" | "setsSecurityPolicy" | "seesSetupWarnings";
/** The least member role with an ability (roles are additive; the rules test holds the table to it). */
const leastRoleThat = (ability: Ability): MemberRole => MEMBER_ROLES.find((role) => MEMBER_RULES[role][ability])!;
/** The least role of the server actions and pages that manage keys, channels and members. */
export const MANAGE = leastRoleThat("manages");
/** The least role that changes the reveal policy and the two-factor requirement. */
export const SETS_POLICY = leastRoleThat("setsSecurityPolicy");

/** An actor's row; none for no actor or a name the table does not have (fail closed). */
const rulesOf = (actor: string | null | undefined): ActorRules | undefined => (actor && Object.hasOwn(MEMBER_RULES, actor) ? MEMBER_RULES[actor as MemberActor] : undefined);

export function memberMay(actor: string | null | undefined, ability: Ability): boolean {
  return rulesOf(actor)?.[ability] ?? false;
}

export function mayAssign(actor: string | null | undefined, role: MemberRole): boolean {
  return rulesOf(actor)?.grants.includes(role) ?? false;
}

export function mayChange(actor: string | null | undefined, from: MemberRole, to: MemberRole): boolean {
  return mayAssign(actor, from) && mayAssign(actor, to);
}

/** Anyone may leave a project (the last-owner guard still applies); removing someone else is a grant. */
export function mayRemove(actor: string | null | undefined, target: MemberRole, self = false): boolean {
  return self || mayAssign(actor, target);
}

/** The roles an actor may pick in a role picker, in the table's order. */
export const assignableRoles = (actor: string | null | undefined): MemberRole[] => MEMBER_ROLES.filter((role) => mayAssign(actor, role));

/** "an owner", "a viewer": for the messages built from the table. */
export const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;

/**
 * Why `actor` may not give or take every one of `roles` (null: it may). `self`: the actor leaving,
 * which anyone may do.
 */
export function memberRefusal(actor: string | null | undefined, roles: readonly MemberRole[], { self = false } = {}): string | null {
  if (self) return null;
  if (!memberMay(actor, "manages")) return "Only owners and admins can manage members.";
  const out = roles.find((role) => !mayAssign(actor, role));
  if (!out) return null;
  if (actor === "apiKey") return `An API key cannot add, change or remove ${withArticle(out)}; ${withArticle(grantersOf(out)[0] ?? "owner")} does that in the dashboard.`;
  if (actor === "limitedApiKey")
    return `An API key with a channel scope or a rate limit cannot add, change or remove ${withArticle(out)}, who could make keys without them; use an admin key with neither, or the dashboard.`;
  return `Only ${grantersOf(out).map(withArticle).join(" or ")} can add, change or remove ${withArticle(out)}.`;
}

const grantersOf = (role: MemberRole): MemberRole[] => [...MEMBER_ROLES].reverse().filter((r) => mayAssign(r, role));

/** Under a role a picker does not offer the caller: who may give it. */
export const assignRefusal = (role: MemberRole): string => `Only ${grantersOf(role).map(withArticle).join(" or ")} can make someone ${withArticle(role)}.`;
