import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { aProject, meta, refusal } from "@/lib/testing/fixtures";
import { changePassword, resetPasswordByOperator } from "./passwords";
import { checkPassword } from "./service";

const OLD = "correct horse battery";
const NEW = "orbit-velvet-quarry-42";
const user = (id: string) => db().user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, sessionVersion: true } });

describe("changing a password", () => {
  it("needs the current password, then sets the new one, ends every session and tells the person by e-mail", async () => {
    const { userId, email } = await aProject();
    const before = await user(userId);
    const version = await changePassword(userId, { currentPassword: OLD, newPassword: NEW }, meta);
    expect(version).toBe(before.sessionVersion + 1);
    expect((await user(userId)).sessionVersion).toBe(version);
    expect(await checkPassword(email, NEW)).toMatchObject({ id: userId });
    expect(await checkPassword(email, OLD)).toBeNull();
    const mails = await db().mail.findMany({ where: { recipient: email, subject: "Your Latchkey password was changed" } });
    expect(mails).toHaveLength(1);
    expect(mails[0].body).not.toContain(NEW);
    expect(mails[0].body).not.toContain(OLD);
  });

  it("refuses a wrong current password, a weak or personal new one, or the same one, and changes nothing", async () => {
    const { userId, email } = await aProject();
    const before = await user(userId);
    const cases = [
      [{ currentPassword: "not my password", newPassword: NEW }, "currentPassword", /current password is not right/],
      [{ currentPassword: OLD, newPassword: email.split("@")[0] + "-velvet-9" }, "newPassword", /must not contain your e-mail address or your name/],
      [{ currentPassword: OLD, newPassword: "password1" }, "newPassword", /too easy to guess/],
      [{ currentPassword: OLD, newPassword: OLD }, "newPassword", /different from your current one/],
    ] as const;
    for (const [input, field, message] of cases) {
      const error = await refusal(changePassword(userId, input, meta));
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(await user(userId)).toEqual(before);
    expect(await db().mail.count({ where: { recipient: email } })).toBe(0);
  });

  it("counts wrong current passwords as sign-in attempts, so they cannot be guessed endlessly", async () => {
    const { userId } = await aProject();
    const guessing = { ...meta, ip: "198.18.7.7" };
    for (let i = 0; i < 10; i++) await refusal(changePassword(userId, { currentPassword: `guess ${i}`, newPassword: NEW }, guessing));
    const error = await refusal(changePassword(userId, { currentPassword: OLD, newPassword: NEW }, guessing));
    expect(error.code).toBe("rate_limited");
  });
});

describe("an operator's reset from the command line", () => {
  it("sets a strong password, ends every session, and refuses a weak one or an unknown e-mail", async () => {
    const { userId, email } = await aProject();
    const before = await user(userId);
    expect((await refusal(resetPasswordByOperator(email, "12345678"))).message).toMatch(/too easy to guess/);
    expect((await refusal(resetPasswordByOperator("nobody@example.com", NEW))).code).toBe("not_found");
    expect(await user(userId)).toEqual(before);
    await resetPasswordByOperator(` ${email.toUpperCase()} `, NEW);
    expect((await user(userId)).sessionVersion).toBe(before.sessionVersion + 1);
    expect(await checkPassword(email, NEW)).toMatchObject({ id: userId });
  });
});
