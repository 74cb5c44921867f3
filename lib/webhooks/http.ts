import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { bareHost, type ResolvedAddress } from "./address";

// One POST to a receiver. The connection goes to the address that was checked (a custom `lookup`:
// no second DNS answer is asked for), redirects are never followed (a 3xx fails the attempt, so a
// redirect cannot lead inside), the whole attempt has one deadline, and at most `maxBytes` of the
// answer is read before the socket is closed.

export type PostOutcome = { ok: boolean; status: number | null; error: string | null };
export type PostOptions = { timeoutMs: number; maxBytes: number };

function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    // Node's happy-eyeballs connect asks for every address ({ all: true }); the checked one is all there is.
    if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

export function postWebhook(url: URL, address: ResolvedAddress, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      resolve(outcome);
    };
    const transport = url.protocol === "https:" ? https : http;
    const request = transport.request({
      method: "POST",
      host: bareHost(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(address),
      // A fresh connection per attempt: a pooled socket could be to an address checked earlier.
      agent: false,
    });
    const deadline = setTimeout(() => finish({ ok: false, status: null, error: `No answer within ${+(options.timeoutMs / 1000).toFixed(1)} s.` }), options.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: connectionError(error) }));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const outcome: PostOutcome =
        status >= 200 && status < 300 ? { ok: true, status, error: null } : { ok: false, status, error: status >= 300 && status < 400 ? `Redirect (HTTP ${status}) not followed.` : `HTTP ${status}.` };
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read >= options.maxBytes) finish(outcome);
      });
      response.on("end", () => finish(outcome));
      response.on("error", () => finish(outcome));
    });
    request.end(body);
  });
}

/** A short reason from a socket error: its code, never the request (which carries the signature). */
function connectionError(error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    ECONNREFUSED: "Connection refused.",
    ECONNRESET: "Connection reset.",
    EHOSTUNREACH: "Host unreachable.",
    ENETUNREACH: "Network unreachable.",
    ETIMEDOUT: "Connection timed out.",
  };
  if (error.code && reasons[error.code]) return reasons[error.code];
  if (error.code?.startsWith("ERR_TLS") || error.code?.includes("CERT")) return `TLS error (${error.code}).`;
  return error.code ? `Connection failed (${error.code}).` : "Connection failed.";
}
