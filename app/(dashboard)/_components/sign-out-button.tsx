"use client";
import { signOutTo } from "@/components/sign-out";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOutTo("/login")} className="text-sm font-medium text-zinc-600 hover:text-zinc-900">
      Sign out
    </button>
  );
}
