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

// Reading follows the same scope: a channel-scoped key sees only its own channels, their
// subscriptions and the messages addressed to at least one of them (not those sent to everyone).
// Anything else is invisible to it, 404 like another project's id. An all-scope key sees everything.

/** A where-clause on a channel, or a channel relation: the key's own channels, or any for an all-scope key. */
export function channelInScope(key: ScopedKey): { slug: { in: string[] } } | undefined {
  return key.scope === "channels" ? { slug: { in: key.channels } } : undefined;
}

/**
 * A where-clause on a message: addressed to at least one of the key's channels, or any message for
 * an all-scope key. Message.channels is the addressed slugs joined by commas ("" for everyone);
 * slugs are [a-z0-9-], so no LIKE wildcard can occur in these patterns.
 */
export function messageInScope(key: ScopedKey) {
  if (key.scope !== "channels") return undefined;
  return {
    OR: key.channels.flatMap((slug) => [{ channels: slug }, { channels: { startsWith: `${slug},` } }, { channels: { endsWith: `,${slug}` } }, { channels: { contains: `,${slug},` } }]),
  };
}

/** Creating a channel widens what exists beyond a channel-scoped key's own channels. */
export function assertAllScope(key: ScopedKey): void {
  if (key.scope === "channels") {
    throw new ApiError("scope_violation", "A channel-scoped key manages only its own channels; create channels with a key scoped to all recipients.");
  }
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
