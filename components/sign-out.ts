import { signOut } from "next-auth/react";

/**
 * Signs out, then opens `path` on the address the browser is on. next-auth's own redirect would
 * resolve it against NEXTAUTH_URL, another origin for someone who reached Latchkey by another name.
 */
export async function signOutTo(path: string): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign(path);
}
