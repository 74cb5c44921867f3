import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { db } from "@/lib/db";
import { aProject } from "@/lib/testing/fixtures";
import { checkPassword } from "@/lib/users/service";

// The operator's command, as `npm run reset-password -- <email>` runs it, on this test's database.
const root = path.resolve(import.meta.dirname, "..");
function resetPassword(args, stdin) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/reset-password.mts", ...args], {
    cwd: root,
    input: stdin,
    encoding: "utf8",
    env: { ...process.env, SMTP_URL: "" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
const version = async (id) => (await db().user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

describe("npm run reset-password", () => {
  it("reads the new password from stdin, applies the strength rule and ends every session", async () => {
    const { userId, email } = await aProject();
    const before = await version(userId);

    const weak = resetPassword([email], "password\n");
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/too easy to guess.*Nothing was changed\./s);
    expect(await version(userId)).toBe(before);

    const done = resetPassword([email], "orbit-velvet-quarry-42\n");
    expect(done.err).toBe("");
    expect(done.code).toBe(0);
    expect(done.out).toContain(`The password of ${email} was reset`);
    expect(await version(userId)).toBe(before + 1);
    expect(await checkPassword(email, "orbit-velvet-quarry-42")).toMatchObject({ id: userId });
  }, 60_000);

  it("never takes the password from the command line, and names an unknown e-mail", async () => {
    const { email } = await aProject();
    const argv = resetPassword([email, "orbit-velvet-quarry-42"], "");
    expect(argv.code).toBe(2);
    expect(argv.err).toContain("never taken from the command line");
    const unknown = resetPassword(["nobody@example.com"], "orbit-velvet-quarry-42\n");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("No account has the e-mail address nobody@example.com.");
  }, 60_000);
});
