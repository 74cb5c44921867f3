"use client";
import { useSyncExternalStore } from "react";

// The theme script (components/theme-script.ts) owns <html class="dark">; this follows it.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** True while the page is dark, for widgets that take their scheme as a prop (the API reference). */
export function useDarkMode(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}
