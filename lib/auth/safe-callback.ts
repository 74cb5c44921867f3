const BASE = "http://latchkey.invalid";

/**
 * A same-site path to go to after sign-in, or "/". Parsed as a URL rather than checked by prefix:
 * browsers read "/\evil.example" and "/%09/evil.example" as "//evil.example", another site.
 */
export function safeCallbackPath(candidate: unknown): string {
  if (typeof candidate !== "string" || !candidate.startsWith("/") || candidate.length > 2048) return "/";
  try {
    const url = new URL(candidate, BASE);
    if (url.origin !== BASE) return "/";
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith("//") ? "/" : path;
  } catch {
    return "/";
  }
}
