import { isIPv6 } from "node:net";

// What a per-address limit counts. One IPv6 host usually holds a whole /64 (SLAAC, privacy
// addresses), so a client could rotate through 2^64 addresses past any per-address limit and
// grow every limiter with them (security review, note h): IPv6 addresses count per /64.
// Anything that is not IPv6 (IPv4, "unknown") is its own key, at most 64 characters.

export function addressKey(ip: string): string {
  const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64);
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros ("2001:db8::1" → 2001,db8,0,…,1). */
function expandIPv6(address: string): string[] {
  const withoutZone = address.split("%")[0];
  const [head, tail] = withoutZone.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(tail);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => "0"), ...right].map((group) => (group.includes(".") ? group : Number.parseInt(group, 16).toString(16)));
}
