"use client";
import { useState } from "react";
import { signOutTo } from "@/components/sign-out";
import { Button } from "@/components/ui/button";

export function SignOutForm() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="mt-6 w-full"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOutTo("/login");
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
