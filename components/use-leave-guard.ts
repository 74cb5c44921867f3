"use client";
import { useEffect, useRef } from "react";

/** Set while the guard's own history.back() (taking its entry away again) is on its way. */
let ownBack = false;

/**
 * While `active`, leaving the page asks first: reload and closing the tab through the browser's
 * own beforeunload prompt, and Back through `onBack`. For Back, an entry of the same address sits
 * on top of the page's own; Back only takes it away, so the page stays, the guard puts the entry
 * back and asks. Used by the one-time secret (SPEC §6).
 */
export function useLeaveGuard(active: boolean, onBack: () => void) {
  const onBackRef = useRef(onBack);
  onBackRef.current = onBack;
  useEffect(() => {
    if (!active) return;
    // Next.js replaces the entry's state on its own renders, so the entry is known by where it is, not by a mark.
    const push = () => {
      window.history.pushState(window.history.state, "", window.location.href);
      return { length: window.history.length, href: window.location.href };
    };
    let guard = push();
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const popState = () => {
      guard = push();
      if (!ownBack) onBackRef.current();
    };
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("popstate", popState);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("popstate", popState);
      // Take the guard's entry away again, unless the page has moved on since.
      if (window.history.length === guard.length && window.location.href === guard.href) {
        ownBack = true;
        window.addEventListener("popstate", () => setTimeout(() => (ownBack = false)), { once: true });
        window.history.back();
      }
    };
  }, [active]);
}
