"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Focus and visibilitychange both fire on one return to the tab: one refresh for both. */
const QUIET_MS = 2_000;

/**
 * Server-rendered lists (keys, channels, members) are read again when the window regains focus,
 * so a tab left open shows what others changed since (SPEC §6). router.refresh() re-renders the
 * server components only: open dialogs and what is typed in them stay as they are.
 */
export function RefreshOnFocus() {
  const router = useRouter();
  useEffect(() => {
    let last = Date.now();
    const refresh = () => {
      if (document.visibilityState !== "visible" || Date.now() - last < QUIET_MS) return;
      last = Date.now();
      router.refresh();
    };
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [router]);
  return null;
}
