import { compileIpMatcher, listOf, type IpMatcher } from "./restrictions";
import { QUOTA_PERIODS, type QuotaPeriod } from "./quota";

// The restrictions of SPEC §16 as the warm path sees them: compiled once when a key is read into
// the cache, then decided from memory for every request (no database read or write).

export type KeyRestrictions = {
  /** The allow list as stored (normalised ranges), and its matcher; null: any address. */
  allowedIps: string[];
  ipAllowed: IpMatcher | null;
  ipReportOnly: boolean;
  /** A publishable key's browser origins; null: none configured. */
  origins: ReadonlySet<string> | null;
  quota: { limit: number; period: QuotaPeriod } | null;
};

type StoredRestrictions = { allowedIps: string; ipReportOnly: boolean; allowedOrigins: string; quota: number | null; quotaPeriod: string | null };

/** Null when the key has none, so an unrestricted key costs one property read per request. */
export function compileRestrictions(row: StoredRestrictions): KeyRestrictions | null {
  const ips = listOf(row.allowedIps);
  const origins = listOf(row.allowedOrigins);
  const period = QUOTA_PERIODS.find((p) => p === row.quotaPeriod);
  const quota = row.quota !== null && row.quota > 0 && period ? { limit: row.quota, period } : null;
  if (ips.length === 0 && origins.length === 0 && !quota) return null;
  return { allowedIps: ips, ipAllowed: ips.length > 0 ? compileIpMatcher(ips) : null, ipReportOnly: row.ipReportOnly, origins: origins.length > 0 ? new Set(origins) : null, quota };
}

/**
 * What a request tells about where it comes from. `browser`: it carries Sec-Fetch-Site or
 * Sec-Fetch-Dest, which only browsers send and page scripts cannot set; `crossSite`: a browser says
 * the page is on another origin than the API (Sec-Fetch-Site other than same-origin or none).
 */
export type RequestPlace = { ip: string | null; origin: string | null; browser: boolean; crossSite?: boolean };

export type PlaceDecision =
  { allowed: true; reportIp: boolean; corsOrigin: string | null } | { allowed: false; code: "secret_key_in_browser" | "ip_not_allowed" | "origin_not_allowed"; message: string };

/**
 * Whether a key may be used from here. A secret key or access token sent by a browser is refused
 * whatever else holds (it may have leaked into front-end code); a forged Sec-Fetch header can only
 * make a server's own request refused, never allowed. `reportIp`: the address is outside a
 * report-only list (answered normally, audited). `corsOrigin`: the allowed origin to echo.
 */
const ANYWHERE: PlaceDecision = Object.freeze({ allowed: true, reportIp: false, corsOrigin: null });
/** A publishable key with no allowed origins is for servers and apps: a page on another site may not use it, not even blind. */
const NO_ORIGINS: PlaceDecision = Object.freeze({
  allowed: false,
  code: "origin_not_allowed",
  message: "This publishable key has no allowed origins, so no web page may use it: add the page's origin to the key's Allowed origins.",
});

export function decidePlace(key: { kind: string; restrictions?: KeyRestrictions | null }, place: RequestPlace): PlaceDecision {
  if (place.browser && key.kind !== "pk") {
    return {
      allowed: false,
      code: "secret_key_in_browser",
      message: "Secret keys and access tokens must not be used from a browser: anyone can read them there. Call the API from your server, or use a publishable key.",
    };
  }
  const restrictions = key.restrictions;
  if (!restrictions) return key.kind === "pk" && place.crossSite ? NO_ORIGINS : ANYWHERE;
  let reportIp = false;
  if (restrictions.ipAllowed && !restrictions.ipAllowed(place.ip)) {
    if (!restrictions.ipReportOnly)
      return { allowed: false, code: "ip_not_allowed", message: `This key may not be used from ${place.ip ?? "an unknown address"}: it is not on the key's allowed IP addresses.` };
    reportIp = true;
  }
  let corsOrigin: string | null = null;
  if (key.kind === "pk" && !restrictions.origins && place.crossSite) return NO_ORIGINS;
  if (key.kind === "pk" && restrictions.origins && place.origin !== null) {
    if (!restrictions.origins.has(place.origin))
      return { allowed: false, code: "origin_not_allowed", message: "This publishable key may not be used from this origin: it is not on the key's allowed origins." };
    corsOrigin = place.origin;
  }
  return reportIp || corsOrigin ? { allowed: true, reportIp, corsOrigin } : ANYWHERE;
}
