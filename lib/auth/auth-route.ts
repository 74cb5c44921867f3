import "server-only";
import { NextRequest } from "next/server";
import { STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

// /api/auth/* is next-auth's, outside proxy.ts (which skips /api) and outside readJson's cap: a
// 200 MiB unauthenticated POST was buffered whole (security review #5), and its HTML answers had
// no security headers (#15). This is its one wrapper: a body over 16 KiB is 413 (by
// Content-Length, and counted as it streams, so a chunked body cannot slip past), and every
// answer carries the static security headers. A sign-in form is a few hundred bytes.

export const MAX_AUTH_BODY_BYTES = 16 * 1024;

type Handler = (req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

export function authRoute(handler: Handler): Handler {
  return async (req, context) => {
    let forwarded = req;
    if (req.body) {
      const body = await readCapped(req);
      if (!body) return secured(tooLarge());
      forwarded = new NextRequest(req.url, { method: req.method, headers: req.headers, body });
    }
    return secured(await handler(forwarded, context));
  };
}

/** The body, or null once it is longer than the cap (the rest is not read). */
async function readCapped(req: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const reader = req.body!.getReader();
  if (declared > MAX_AUTH_BODY_BYTES) {
    await reader.cancel().catch(() => {});
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_AUTH_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function tooLarge(): Response {
  return Response.json({ error: { code: "payload_too_large", message: `The body is larger than ${MAX_AUTH_BODY_BYTES} bytes (16 KiB).` } }, { status: 413, headers: { "Cache-Control": "no-store" } });
}

function secured(response: Response): Response {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  // next-auth's few HTML answers (a sign-out confirmation) must not be framed or run scripts.
  if (response.headers.get("content-type")?.includes("text/html"))
    response.headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  return response;
}
