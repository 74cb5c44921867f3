// `npm run reset-password -- <email>`: an operator sets a new password for an account, for
// servers that cannot send reset links (no SMTP_URL). The password is read from the terminal
// (hidden, asked twice) or from stdin, never from the command line, where `ps` and shell history
// would keep it. It must pass the sign-up strength rule; every session of the account ends.
// Runs under tsx with the react-server condition so lib/ modules load outside Next.js.
import fs from "node:fs";
import path from "node:path";

class Refused extends Error {}

const USAGE = "usage: npm run reset-password -- <email>   (the new password is asked for, or read from stdin)";

async function hiddenLine(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let line = "";
  try {
    for await (const chunk of process.stdin) {
      for (const ch of String(chunk)) {
        if (ch === "\u0003") throw new Refused("Cancelled.");
        if (ch === "\r" || ch === "\n") return line;
        line = ch === "\u007f" || ch === "\b" ? line.slice(0, -1) : line + ch;
      }
    }
    return line;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stdout.write("\n");
  }
}

async function newPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await hiddenLine("New password: ");
    if ((await hiddenLine("Again: ")) !== first) throw new Refused("The two passwords differ.");
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith("-")) {
    console.error(args.length > 1 ? `The new password is never taken from the command line.\n${USAGE}` : USAGE);
    return 2;
  }
  const envFile = path.resolve(".env");
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  const { resetPasswordByOperator } = await import("@/lib/users/passwords");
  const { deliverPending } = await import("@/lib/mail/outbox");
  const { disconnectDb } = await import("@/lib/db");
  const { DomainError } = await import("@/lib/errors");
  try {
    await resetPasswordByOperator(args[0], await newPassword());
    await deliverPending(); // the "password changed" notice, when SMTP is set
    console.log(`The password of ${args[0].trim().toLowerCase()} was reset, and every session of the account was signed out.`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError || error instanceof Refused)) throw error;
    console.error(`${error.message} Nothing was changed.`);
    return 1;
  } finally {
    await disconnectDb();
  }
}

process.exitCode = await main();
