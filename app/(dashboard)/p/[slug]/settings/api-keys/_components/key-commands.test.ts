import { describe, expect, it } from "vitest";
import { keyCommands } from "./key-commands";
import { formatCountdown } from "./grace-countdown";

const labels = (key: Parameters<typeof keyCommands>[0]) => keyCommands(key).map((c) => c.label);
const replacedBy = { id: "k2", preview: "lk_sk_…abcd" };

describe("a key's commands (row menu and key page header)", () => {
  it("offers Disable on a live key and Enable, not Rotate, on a disabled one", () => {
    expect(labels({ status: "active", replacedBy: null, revealable: false })).toEqual(["Edit", "Rotate", "Disable", "Revoke", "Delete"]);
    expect(labels({ status: "disabled", replacedBy: null, revealable: false })).toEqual(["Edit", "Enable", "Revoke", "Delete"]);
  });

  it("does not rotate a replaced key again, and leaves a revoked key only Delete", () => {
    expect(labels({ status: "active", replacedBy, revealable: true })).toEqual(["Edit", "Reveal", "Disable", "Revoke", "Delete"]);
    expect(labels({ status: "revoked", replacedBy: null, revealable: false })).toEqual(["Delete"]);
    expect(labels({ status: "expired", replacedBy, revealable: false })).toEqual(["Edit", "Revoke", "Delete"]);
  });
});

describe("the grace countdown", () => {
  it("reads hours, minutes and seconds, with days from a day up", () => {
    expect(formatCountdown(24 * 3_600_000 - 19_000)).toBe("23:59:41");
    expect(formatCountdown(7 * 24 * 3_600_000 - 1000)).toBe("6d 23:59:59");
    expect(formatCountdown(1)).toBe("00:00:01");
    expect(formatCountdown(-5)).toBe("00:00:00");
  });
});
