"use client";
import { signOutTo } from "@/components/sign-out";
import { Button } from "@/components/ui/button";

/** Signs out and comes back to the same link, to sign in or sign up as the invited address. */
export function SwitchAccountButton({ returnTo }: { returnTo: string }) {
  return (
    <Button type="button" variant="secondary" className="mt-6 w-full" onClick={() => void signOutTo(returnTo)}>
      Sign out
    </Button>
  );
}
