/**
 * The caller's address as the nearest proxy saw it. `next start` fills x-forwarded-for from the
 * socket; behind a reverse proxy, that proxy must overwrite it.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  const ip = first || headers.get("x-real-ip")?.trim() || null;
  return ip && ip.length <= 64 ? ip.replace(/^::ffff:/, "") : null;
}
