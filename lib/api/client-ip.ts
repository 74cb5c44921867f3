/**
 * The caller's address. scripts/server.mjs overwrites X-Forwarded-For with the one address it
 * trusts (the socket peer, or what the trusted proxies saw), so the first entry is that address.
 */
export function clientIp(headers: Headers): string | null {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first && first.length <= 64 ? first.replace(/^::ffff:/, "") : null;
}
