import { describe, expect, it } from "vitest";
import pg from "pg";
import { databaseUrl } from "@/lib/db";
import { aKey, aProject } from "@/lib/testing/fixtures";
import { KEY_CHANGES_CHANNEL } from "./key-changes";
import { disableKey, enableKey } from "./service";

// Every instance drops a key from its cache when it hears the key's id on this channel, so a
// disable and an enable apply on the very next request everywhere, as a revocation does.

describe("disabling and enabling a key on PostgreSQL", () => {
  it("notifies every other instance of both changes", async () => {
    const { project, ctx } = await aProject();
    const { key } = await aKey(ctx, project.id, "editor", { name: "Worker" });
    const listener = new pg.Client({ connectionString: databaseUrl() });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on("notification", (n) => n.channel === KEY_CHANGES_CHANNEL && heard.push(n.payload ?? ""));
      await listener.query(`LISTEN ${KEY_CHANGES_CHANNEL}`);
      await disableKey(project.id, key.id, ctx);
      await enableKey(project.id, key.id, ctx);
      await expect.poll(() => heard.filter((id) => id === key.id).length, { timeout: 2_000 }).toBe(2);
    } finally {
      await listener.end();
    }
  });
});
