import { ApiError } from "@/lib/api/errors";

// Channel scope (SPEC §4): who a request that addresses recipients may reach. Pure, so the four
// cases are easy to test; the message route feeds it the key and the project's channel slugs.

export type Addressed = { everyone: true } | { everyone: false; channels: string[] };

type ScopedKey = { scope: string; channels: string[] };

/**
 * A channel-scoped key may name only its own channels: any other slug is 403 scope_violation,
 * whether or not such a channel exists, so the key learns nothing about channels outside its scope.
 * This runs before any check that a slug exists (an unknown slug is 422 for an all-scope key).
 */
export function assertInScope(key: ScopedKey, slugs: string[]): void {
  if (key.scope !== "channels") return;
  const outside = [...new Set(slugs)].filter((slug) => !key.channels.includes(slug));
  if (outside.length > 0) {
    throw new ApiError("scope_violation", `This key is scoped to ${key.channels.join(", ")}; it cannot address ${outside.join(", ")}.`, { channels: outside });
  }
}

/** A where-clause on a channel relation: the key's own channels, or any for an all-scope key. */
export function channelInScope(key: ScopedKey): { slug: { in: string[] } } | undefined {
  return key.scope === "channels" ? { slug: { in: key.channels } } : undefined;
}

export function resolveTarget(key: ScopedKey, requested: string[] | undefined, projectChannels: Set<string>): Addressed {
  if (requested !== undefined) {
    const unique = [...new Set(requested)];
    assertInScope(key, unique);
    const unknown = unique.filter((slug) => !projectChannels.has(slug));
    if (unknown.length > 0) {
      throw new ApiError("validation_failed", `Unknown channel${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`, {
        issues: unknown.map((slug) => ({ path: "target.channels", message: `unknown channel "${slug}"` })),
      });
    }
    return { everyone: false, channels: unique.sort() };
  }
  return key.scope === "channels" ? { everyone: false, channels: [...key.channels].sort() } : { everyone: true };
}
