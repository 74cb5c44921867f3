import { describe, expect, it } from "vitest";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { listKeys } from "@/lib/keys/queries";
import { listAuditEntries } from "@/lib/audit/queries";

// Review info (a): the key-name search and the audit-log actor filter are "contains" searches, so
// `%`, `_` and `\` must match themselves, not act as LIKE wildcards or escapes. Prisma passes them
// through on both engines; run with TEST_DATABASE=postgres for the PostgreSQL side.

const NAMES = ["Billing worker", "100% uptime", "snake_case job", "back\\slash key"];

async function aProjectWithKeys() {
  const team = await aProject();
  for (const name of NAMES) await aKey(team.ctx, team.project.id, "editor", { name });
  return team;
}

describe("contains searches take % _ and \\ literally", () => {
  it("the API Keys search", async () => {
    const { project } = await aProjectWithKeys();
    const names = async (query: string) => (await listKeys(project.id, { query })).keys.map((k) => k.name).sort();
    expect(await names("%")).toEqual(["100% uptime"]);
    expect(await names("_")).toEqual(["snake_case job"]);
    expect(await names("\\")).toEqual(["back\\slash key"]);
    expect(await names("e_c")).toEqual(["snake_case job"]);
    expect(await names("0%")).toEqual(["100% uptime"]);
    expect(await names("b%r")).toEqual([]);
    expect(await names("BILLING")).toEqual(["Billing worker"]);
  });

  it("the audit-log actor filter", async () => {
    const { project } = await aProjectWithKeys();
    const actors = async (actor: string) => (await listAuditEntries(project.id, { actor }, { limit: 100 })).data.length;
    expect(await actors("owner-")).toBeGreaterThan(0);
    expect(await actors("%")).toBe(0);
    expect(await actors("_")).toBe(0);
    expect(await actors("\\")).toBe(0);
    expect(await actors("owner_")).toBe(0);
  });
});
