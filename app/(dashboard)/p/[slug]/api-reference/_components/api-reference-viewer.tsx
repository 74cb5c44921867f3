"use client";
import dynamic from "next/dynamic";
import { useMemo } from "react";
import "@scalar/api-reference-react/style.css";

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

/** The OpenAPI document, rendered in the page: nothing is fetched, from us or anyone else. */
export function ApiReferenceViewer({ document }: { document: Record<string, unknown> }) {
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
      forceDarkModeState: "light" as const,
      showDeveloperTools: "never" as const,
      documentDownloadType: "json" as const,
      // Every operation open, so each route's role badge shows while scrolling, not after a click.
      defaultOpenAllTags: true,
    }),
    [document],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
