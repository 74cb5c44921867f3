"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

const EVERY_MS = 3_000;
const FOR_AT_MOST_MS = 2 * 60_000;

/** While a delivery is waiting for its first attempt, reads the log again every few seconds (for two minutes at most). */
export function RefreshWhilePending({ pending }: { pending: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > FOR_AT_MOST_MS) clearInterval(timer);
      else if (document.visibilityState === "visible") router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [pending, router]);
  return null;
}
