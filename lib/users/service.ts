import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { DomainError } from "@/lib/errors";
import { createProjectTx } from "@/lib/projects/service";
import type { AuditContext, RequestMeta } from "@/lib/audit/record";
import type { SignUpInput } from "./schemas";

export const BCRYPT_COST = 12;

export type NewAccount = { email: string; name: string; projectName: string; passwordHash: string };

/**
 * Creates the user and their first project, as its owner (SPEC §1), in one transaction. It never
 * grants anything else: an invitation to this e-mail is joined only through its link (SPEC §13),
 * since anyone can type an address they do not own.
 */
export async function signUp(input: SignUpInput, meta: RequestMeta) {
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  return createAccount({ email: input.email, name: input.name, projectName: input.projectName, passwordHash }, meta);
}

/**
 * signUp with the password already hashed (e.g. carried, sealed, in a sign-up link). Its callers
 * have proven the address (the sign-up link reached it) or it is the server's first account.
 */
export async function createAccount(input: NewAccount, meta: RequestMeta) {
  const emailTaken = async () => (await db().user.findUnique({ where: { email: input.email }, select: { id: true } })) !== null;
  const conflict = () => new DomainError("conflict", "An account with this email already exists. Sign in instead.", "email");
  if (await emailTaken()) throw conflict();
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash, emailVerifiedAt: now() }, select: { id: true, email: true } });
        const ctx: AuditContext = { actor: { type: "user", id: user.id, label: user.email }, meta };
        const project = await createProjectTx(tx, user.id, input.projectName, ctx);
        return { userId: user.id, projectSlug: project.slug };
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      // The clash is the e-mail (a concurrent sign-up) or the project slug (another project of the
      // same name created at the same moment); only the slug is worth another try.
      if (await emailTaken()) throw conflict();
      if (attempt === 3) throw error;
    }
  }
}

// Compared against when the e-mail is unknown, so both paths cost one bcrypt comparison.
const DUMMY_HASH = bcrypt.hashSync("latchkey-timing-equaliser", BCRYPT_COST);

/** The signed-in user's password, entered again before a sensitive step (e.g. revealing a secret key). */
export async function passwordMatches(userId: string, password: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH).then((ok) => ok && user !== null);
}

/**
 * The user, if the password is theirs, with the session version read in the same row as the hash:
 * a session minted from this check carries the version that went with that password, so a password
 * change landing while bcrypt runs still ends it.
 */
export async function checkPassword(email: string, password: string): Promise<{ id: string; email: string; name: string; sessionVersion: number } | null> {
  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true } });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
