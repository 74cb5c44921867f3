import { describe, expect, it } from "vitest";
import { hasMemberRole, MEMBER_ROLES, type MemberRole } from "@/lib/permissions";
import { KEY_MAIL_ROLES, MANAGE, MEMBER_RULES, mayAssign, memberMay, mayChange, mayRemove, memberRefusal, SETS_POLICY, type MemberActor } from "./rules";

const ROLES: MemberRole[] = ["owner", "admin", "viewer"];

describe("the member-role rules", () => {
  it("owners give, change and remove every role; admins every role but owner; viewers none", () => {
    const table = (actor: MemberActor | null) => ROLES.filter((role) => mayAssign(actor, role));
    expect(table("owner")).toEqual(["owner", "admin", "viewer"]);
    expect(table("admin")).toEqual(["admin", "viewer"]);
    expect(table("viewer")).toEqual([]);
    expect(table(null)).toEqual([]);
  });

  it("an admin API key acts like an admin member: it never creates, promotes, demotes or removes an owner", () => {
    expect(ROLES.filter((role) => mayAssign("apiKey", role))).toEqual(["admin", "viewer"]);
    expect(mayChange("apiKey", "viewer", "admin")).toBe(true);
    expect(mayChange("apiKey", "admin", "owner")).toBe(false);
    expect(mayChange("apiKey", "owner", "admin")).toBe(false);
    expect(mayRemove("apiKey", "admin")).toBe(true);
    expect(mayRemove("apiKey", "owner")).toBe(false);
    expect(memberRefusal("apiKey", ["owner"])).toMatch(/API key/);
  });

  it("an admin key held to channels or a rate limit gives and takes viewers only", () => {
    expect(ROLES.filter((role) => mayAssign("limitedApiKey", role))).toEqual(["viewer"]);
    expect(mayChange("limitedApiKey", "viewer", "admin")).toBe(false);
    expect(mayRemove("limitedApiKey", "admin")).toBe(false);
    expect(memberRefusal("limitedApiKey", ["admin"])).toMatch(/channel scope or a rate limit/);
    expect(memberRefusal("limitedApiKey", ["viewer"])).toBeNull();
  });

  it("a change needs both the old and the new role; anyone may leave, an outsider nothing", () => {
    expect(mayChange("admin", "viewer", "owner")).toBe(false);
    expect(mayChange("admin", "owner", "viewer")).toBe(false);
    expect(mayChange("owner", "owner", "viewer")).toBe(true);
    expect(mayRemove("viewer", "viewer", true)).toBe(true);
    expect(mayRemove("viewer", "viewer")).toBe(false);
    expect(mayRemove("admin", "owner")).toBe(false);
    expect(mayRemove(null, "viewer")).toBe(false);
  });

  it("gives a role name the table does not have nothing (fail closed)", () => {
    for (const unknown of ["superuser", "", "constructor", "__proto__"]) {
      expect(
        ROLES.filter((role) => mayAssign(unknown, role)),
        unknown,
      ).toEqual([]);
      expect(memberMay(unknown, "manages")).toBe(false);
      expect(memberMay(unknown, "revealsSecretKeys")).toBe(false);
    }
  });

  it("refuses with the dashboard's messages", () => {
    expect(memberRefusal("viewer", ["viewer"])).toBe("Only owners and admins can manage members.");
    expect(memberRefusal(null, ["viewer"])).toBe("Only owners and admins can manage members.");
    expect(memberRefusal("admin", ["viewer", "owner"])).toBe("Only an owner can add, change or remove an owner.");
    expect(memberRefusal("admin", ["admin", "viewer"])).toBeNull();
    expect(memberRefusal("viewer", ["viewer"], { self: true })).toBeNull();
  });

  it("owners and admins get the key e-mails and manage keys, channels and members; only owners reveal secrets, set policies and see setup warnings", () => {
    expect([...KEY_MAIL_ROLES].sort()).toEqual(["admin", "owner"]);
    expect(ROLES.filter((r) => MEMBER_RULES[r].manages)).toEqual(["owner", "admin"]);
    expect(ROLES.filter((r) => MEMBER_RULES[r].revealsSecretKeys)).toEqual(["owner"]);
    expect(ROLES.filter((r) => MEMBER_RULES[r].setsSecurityPolicy)).toEqual(["owner"]);
    expect(ROLES.filter((r) => MEMBER_RULES[r].seesSetupWarnings)).toEqual(["owner"]);
    expect([MANAGE, SETS_POLICY]).toEqual(["admin", "owner"]);
  });

  it("every ability is held by a role and every role above it, so a least role can guard it", () => {
    for (const ability of ["manages", "keyMail", "revealsSecretKeys", "setsSecurityPolicy", "seesSetupWarnings"] as const) {
      const holders = MEMBER_ROLES.filter((r) => MEMBER_RULES[r][ability]);
      const least = holders[0];
      expect(
        MEMBER_ROLES.filter((r) => hasMemberRole(r, least)),
        ability,
      ).toEqual(holders);
    }
  });
});
