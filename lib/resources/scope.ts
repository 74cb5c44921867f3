import { ApiError } from "@/lib/api/errors";

// Channel scope (SPEC §4): who a request that addresses recipients may reach. Pure, so the four
// cases are easy to test; the message route feeds it the key and the project's channel slugs.

export type Addressed = { everyone: true } | { everyone: false; channels: string[] };

export function resolveTarget(
  key: { scope: string; channels: string[] },
  requested: string[] | undefined,
  projectChannels: Set<string>,
): Addressed {
  if (requested !== undefined) {
    const unique = [...new Set(requested)];
    const unknown = unique.filter((slug) => !projectChannels.has(slug));
    if (unknown.length > 0) {
      throw new ApiError("validation_failed", `Unknown channel${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`, {
        issues: unknown.map((slug) => ({ path: "target.channels", message: `unknown channel "${slug}"` })),
      });
    }
    if (key.scope === "channels") {
      const outside = unique.filter((slug) => !key.channels.includes(slug));
      if (outside.length > 0) {
        throw new ApiError("scope_violation", `This key is scoped to ${key.channels.join(", ")}; it cannot address ${outside.join(", ")}.`, {
          channels: outside,
        });
      }
    }
    return { everyone: false, channels: unique.sort() };
  }
  return key.scope === "channels" ? { everyone: false, channels: [...key.channels].sort() } : { everyone: true };
}
