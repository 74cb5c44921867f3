import ipaddr from "ipaddr.js";

// Where a key may be used from (SPEC §16): the lists an admin types (one entry per line), checked
// and normalised here for the forms, the admin API and storage, and compiled once per cached key
// into a matcher the warm path calls for every request.

export const MAX_ALLOWED_IPS = 200;
export const MAX_ALLOWED_ORIGINS = 50;

export type ListCheck = { ok: true; values: string[] } | { ok: false; message: string };

/** Lines or an array, trimmed, blanks dropped. */
const entriesOf = (input: string | string[]): string[] =>
  (Array.isArray(input) ? input : input.split(/\r?\n/)).map((entry) => (typeof entry === "string" ? entry.trim() : entry)).filter((entry) => entry !== "");

/** An address or range in its one stored form: the network address and prefix ("10.0.0.0/8", "2001:db8::/32"); an IPv4-mapped IPv6 address counts as IPv4. */
function normaliseRange(entry: string): string | null {
  if (typeof entry !== "string" || entry.length > 64) return null;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return null;
  if (!ipaddr.isValid(address) || (!ipaddr.IPv4.isValidFourPartDecimal(address) && ipaddr.IPv4.isValid(address))) return null;
  let parsed = ipaddr.parse(address);
  let bits = prefix === undefined ? (parsed.kind() === "ipv4" ? 32 : 128) : Number(prefix);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    if (prefix !== undefined && bits < 96) return null;
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    bits = prefix === undefined ? 32 : bits - 96;
  }
  const max = parsed.kind() === "ipv4" ? 32 : 128;
  if (bits > max) return null;
  const network = parsed.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(`${parsed}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/${bits}`);
  return `${network.toString()}/${bits}`;
}

/** "Allowed IP addresses": IPv4, IPv6 or CIDR ranges, at most 200; the first bad line is named. */
export function checkIpList(input: string | string[]): ListCheck {
  const entries = entriesOf(input);
  if (entries.length > MAX_ALLOWED_IPS) return { ok: false, message: `At most ${MAX_ALLOWED_IPS} addresses or ranges (${entries.length.toLocaleString("en")} given): use wider ranges.` };
  const values: string[] = [];
  for (const entry of entries) {
    const range = normaliseRange(entry);
    if (!range) return { ok: false, message: `“${String(entry).slice(0, 60)}” is not an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32).` };
    if (!values.includes(range)) values.push(range);
  }
  return { ok: true, values };
}

/** "Allowed origins": scheme, host and port only ("https://app.example.com"), at most 50. */
export function checkOriginList(input: string | string[]): ListCheck {
  const entries = entriesOf(input);
  if (entries.length > MAX_ALLOWED_ORIGINS) return { ok: false, message: `At most ${MAX_ALLOWED_ORIGINS} origins (${entries.length.toLocaleString("en")} given).` };
  const values: string[] = [];
  for (const entry of entries) {
    const origin = normaliseOrigin(entry);
    if (!origin) return { ok: false, message: `“${String(entry).slice(0, 60)}” is not an origin: write the scheme, host and port only, e.g. https://app.example.com.` };
    if (!values.includes(origin)) values.push(origin);
  }
  return { ok: true, values };
}

function normaliseOrigin(entry: string): string | null {
  if (typeof entry !== "string" || entry.length > 200 || !/^https?:\/\/[^/?#@\s*]+\/?$/i.test(entry)) return null;
  try {
    const url = new URL(entry);
    return url.origin === "null" ? null : url.origin;
  } catch {
    return null;
  }
}

/** The restriction columns of a key, for the queries that read them all (a Prisma select). */
export const RESTRICTION_FIELDS = { allowedIps: true, ipReportOnly: true, allowedOrigins: true, quota: true, quotaPeriod: true } as const;

/** Stored as one entry per line; the API and the forms show arrays and lines. */
export const storedList = (values: string[]): string => values.join("\n");
export const listOf = (stored: string | null | undefined): string[] => (stored ? stored.split("\n") : []);

/** Whether the normalised range `inner` lies within the normalised range `outer` (same family). */
export function rangeWithin(inner: string, outer: string): boolean {
  const [innerAddress, innerBits] = inner.split("/");
  const [outerAddress, outerBits] = outer.split("/");
  const a = ipaddr.parse(innerAddress);
  const b = ipaddr.parse(outerAddress);
  if (a.kind() !== b.kind() || Number(innerBits) < Number(outerBits)) return false;
  return a.kind() === "ipv4" ? (a as ipaddr.IPv4).match(b as ipaddr.IPv4, Number(outerBits)) : (a as ipaddr.IPv6).match(b as ipaddr.IPv6, Number(outerBits));
}

// ---- The warm path ---------------------------------------------------------------------------

/** A compiled allow list: IPv4 ranges as integer base and mask, IPv6 ranges for ipaddr.js. */
export type IpMatcher = (ip: string | null) => boolean;

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function v4Number(ip: string): number | null {
  const m = V4.exec(ip);
  if (!m) return null;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (parts.some((part) => part > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** Checked with every request: an unknown address (none, or unparseable) is never allowed. */
export function compileIpMatcher(ranges: string[]): IpMatcher {
  const v4: { base: number; mask: number }[] = [];
  const v6: [ipaddr.IPv6, number][] = [];
  for (const range of ranges) {
    const [address, bits] = range.split("/");
    if (address.includes(":")) v6.push([ipaddr.IPv6.parse(address), Number(bits)]);
    else {
      const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
      v4.push({ base: (v4Number(address)! & mask) >>> 0, mask });
    }
  }
  // A caller keeps its address from request to request: the last answers are remembered (bounded).
  const seen = new Map<string, boolean>();
  const decide = (ip: string): boolean => {
    let n = v4Number(ip);
    if (n === null) {
      if (!ipaddr.isValid(ip)) return false;
      const parsed = ipaddr.process(ip);
      if (parsed.kind() === "ipv6") return v6.some(([network, bits]) => (parsed as ipaddr.IPv6).match(network, bits));
      n = v4Number(parsed.toString());
      if (n === null) return false;
    }
    for (const { base, mask } of v4) if ((n & mask) >>> 0 === base) return true;
    return false;
  };
  return (ip) => {
    if (!ip) return false;
    let allowed = seen.get(ip);
    if (allowed === undefined) {
      allowed = decide(ip);
      if (seen.size >= 64) seen.clear();
      seen.set(ip, allowed);
    }
    return allowed;
  };
}
