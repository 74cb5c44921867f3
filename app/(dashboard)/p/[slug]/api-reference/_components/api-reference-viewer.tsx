"use client";
import dynamic from "next/dynamic";
import { useEffect, useMemo, useRef } from "react";
import "@scalar/api-reference-react/style.css";
import { useDarkMode } from "@/components/use-dark-mode";

// Scalar mounts a browser-only app, so it is never rendered on the server. Its zod would probe
// `new Function` for a fast path, which the CSP (no 'unsafe-eval') reports as a violation; jitless
// mode skips the probe. Set here, in the browser only: the server keeps zod's fast path.
const ApiReferenceReact = dynamic(
  async () => {
    (await import("zod")).config({ jitless: true });
    return (await import("@scalar/api-reference-react")).ApiReferenceReact;
  },
  {
    ssr: false,
    loading: () => <p className="p-6 text-sm text-zinc-500">Loading the reference…</p>,
  },
);

// Scalar's own colours for secondary text and method tags fall under WCAG AA (3.2:1 and 4:1);
// these keep 4.5:1 on its backgrounds, in our palette, in both schemes.
const ACCESSIBLE_COLOURS = `
.light-mode.light-mode {
  --scalar-color-1: #18181b; --scalar-color-2: #52525b; --scalar-color-3: #5f5f68; --scalar-color-accent: #4338ca;
  --scalar-background-1: #ffffff; --scalar-background-2: #f4f4f5; --scalar-background-3: #e4e4e7;
  --scalar-color-green: #047857; --scalar-color-red: #b91c1c; --scalar-color-yellow: #854d0e; --scalar-color-blue: #1d4ed8;
  --scalar-color-orange: #9a3412; --scalar-color-purple: #6d28d9; --scalar-color-query: #0f766e;
}
.dark-mode.dark-mode {
  --scalar-color-1: #f4f4f5; --scalar-color-2: #c4c4cc; --scalar-color-3: #a1a1aa; --scalar-color-accent: #a5b4fc;
  --scalar-background-1: #18181b; --scalar-background-2: #27272a; --scalar-background-3: #3f3f46;
  --scalar-color-green: #34d399; --scalar-color-red: #fca5a5; --scalar-color-yellow: #fde047; --scalar-color-blue: #93c5fd;
  --scalar-color-orange: #fdba74; --scalar-color-purple: #c4b5fd; --scalar-color-query: #5eead4;
}`;

/**
 * Scalar renders its own <main> (the page has one already) and a few icon-only toggles without a
 * name. Both are fixed on the rendered DOM, which Scalar does not offer as options: its main
 * becomes a labelled region, and a nameless button is named after what it toggles.
 */
/**
 * The text a screen reader would read from inside an element at rest: none from aria-hidden parts
 * or from parts not rendered (a code block's copy button names itself only on hover or focus).
 */
function spokenText(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('[aria-hidden="true"]') || !parent.checkVisibility()) continue;
    text += node.textContent ?? "";
  }
  return text.trim();
}

function hasName(button: HTMLButtonElement): boolean {
  if (button.getAttribute("aria-label")?.trim() || button.title.trim()) return true;
  const labelledBy = button.getAttribute("aria-labelledby");
  if (labelledBy?.split(/\s+/).some((id) => button.ownerDocument.getElementById(id)?.textContent?.trim())) return true;
  return spokenText(button) !== "";
}

function repairLandmarksAndNames(root: HTMLElement) {
  root.querySelectorAll("main").forEach((element) => element.setAttribute("role", "region"));
  root.querySelectorAll("button").forEach((button) => {
    if (hasName(button)) return;
    const label = button.classList.contains("scalar-code-copy") ? "Copy code" : button.hasAttribute("aria-expanded") ? "Show or hide details" : "More";
    button.setAttribute("aria-label", label);
  });
}

/** The OpenAPI document, rendered in the page: nothing is fetched, from us or anyone else. */
export function ApiReferenceViewer({ document }: { document: Record<string, unknown> }) {
  const dark = useDarkMode();
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = wrapper.current;
    if (!root) return;
    repairLandmarksAndNames(root);
    const observer = new MutationObserver(() => repairLandmarksAndNames(root));
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  const configuration = useMemo(
    () => ({
      content: document,
      // Offline and private: no web fonts, telemetry, AI agent, MCP or request proxy.
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      hideClientButton: true,
      hideTestRequestButton: true,
      hideDarkModeToggle: true,
      forceDarkModeState: dark ? ("dark" as const) : ("light" as const),
      customCss: ACCESSIBLE_COLOURS,
      showDeveloperTools: "never" as const,
      documentDownloadType: "json" as const,
      // Every operation open, so each route's role badge shows while scrolling, not after a click.
      defaultOpenAllTags: true,
    }),
    [document, dark],
  );
  return (
    <div ref={wrapper}>
      <ApiReferenceReact configuration={configuration} />
    </div>
  );
}
