import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetForTests } from "@/lib/clock";
import { aProject } from "@/lib/testing/fixtures";
import { registerClient } from "./clients";
import { authenticateClient, deleteExpiredTokens, issueToken, EXPIRED_TOKEN_RETENTION_MS } from "./tokens";

// Access tokens live an hour, but every one is a row: without retention a client minting tokens
// fills the table for ever. Rows leave a day after they expire (a revoked one too: it expires as well).

afterEach(() => setClockOffsetForTests(0));

describe("access token retention", () => {
  it("deletes tokens a day after they expired, and keeps every other", async () => {
    const { project, ctx, userId } = await aProject();
    const { client, clientSecret } = await registerClient(project.id, { name: "Sync", scopes: ["campaigns:read"], authMethod: "client_secret_basic" }, ctx, {
      type: "user",
      id: userId,
      label: "owner",
    });
    const authenticated = (await authenticateClient(client.clientId, clientSecret))!;
    await issueToken(authenticated, undefined);
    setClockOffsetForTests(EXPIRED_TOKEN_RETENTION_MS);
    await issueToken(authenticated, undefined);
    const count = () => db().oAuthToken.count({ where: { clientId: client.id } });
    expect(await count()).toBe(2);

    // The first expired an hour after it was issued: it stays until a day after that.
    setClockOffsetForTests(EXPIRED_TOKEN_RETENTION_MS + 3600_000 - 1000);
    expect(await deleteExpiredTokens()).toBe(0);
    setClockOffsetForTests(EXPIRED_TOKEN_RETENTION_MS + 3600_000 + 1000);
    expect(await deleteExpiredTokens()).toBe(1);
    expect(await count()).toBe(1);
  });
});
