// Request-body limits read by both next.config.mjs and scripts/server.mjs, so they cannot drift.

/** Server actions take at most this much: our forms are a few KiB. */
export const ACTION_BODY_LIMIT_BYTES = 256 * 1024;
