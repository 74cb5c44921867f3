import "server-only";
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

// Where a webhook may go (SPEC §15): public unicast addresses only, unless the operator allows
// private ones (LATCHKEY_WEBHOOKS_ALLOW_PRIVATE=1, for a receiver on the same network or in tests).
// Every address a host name resolves to is checked, at creation and again before each attempt,
// and the attempt connects to the address that was checked (http.ts), so a DNS answer that changes
// in between (rebinding) cannot steer a delivery inside.

export const allowPrivateAddresses = (): boolean => process.env.LATCHKEY_WEBHOOKS_ALLOW_PRIVATE === "1";

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** A delivery or an endpoint refused for where it points; the message names the host, never a secret. */
export class AddressRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AddressRefused";
  }
}

/**
 * True for a public unicast address. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4
 * address it carries; the deprecated IPv4-compatible form (::10.0.0.1) and every special range
 * ipaddr.js knows (private, loopback, link-local, unique-local, multicast, unspecified, CGNAT,
 * NAT64, 6to4, Teredo, documentation, reserved) are not public.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return parsed.range() === "unicast";
}

/** The host of a URL as a socket wants it: "[::1]" → "::1". */
export const bareHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, "$1");

export const isAddressLiteral = (host: string): boolean => ipaddr.isValid(host);

export function internalAddressMessage(host: string, address: string): string {
  const which = host === address ? address : `${host} (${address})`;
  return `${which} is a private, loopback or otherwise internal address; webhooks go to public addresses only.`;
}

const LOOKUP_TIMEOUT_MS = 5_000;

async function resolve(host: string): Promise<ResolvedAddress[]> {
  if (isAddressLiteral(host)) return [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AddressRefused(`${host} could not be resolved in time.`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  } catch (error) {
    if (error instanceof AddressRefused) throw error;
    throw new AddressRefused(`${host} could not be found.`);
  } finally {
    clearTimeout(timer);
  }
}

/** Every address the URL's host resolves to, each checked; throws AddressRefused otherwise. */
export async function deliverableAddresses(url: URL): Promise<ResolvedAddress[]> {
  const host = bareHost(url);
  const found = await resolve(host);
  if (found.length === 0) throw new AddressRefused(`${host} has no address.`);
  if (!allowPrivateAddresses()) {
    const internal = found.find(({ address }) => !isPublicAddress(address));
    if (internal) throw new AddressRefused(internalAddressMessage(host, internal.address));
  }
  return found;
}
