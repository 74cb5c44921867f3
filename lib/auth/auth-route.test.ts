import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import { authRoute, MAX_AUTH_BODY_BYTES } from "./auth-route";

// Review #5: /api/auth/* read any body whole (a 200 MiB POST raised RSS by 456 MB). Review #15:
// its answers had no security headers.

const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
const URL = "http://localhost/api/auth/callback/credentials";
const form = (size: number) => "email=a%40example.com&password=" + "x".repeat(Math.max(0, size - 31));

/** A chunked body with no Content-Length: `chunks` pieces of 64 KiB, counting how many were pulled. */
function streamed(chunks: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(64 * 1024).fill(120));
    },
  });
  return { body, pulled: () => pulled };
}

describe("/api/auth/* request bodies", () => {
  it("answers 413 to a body declared larger than 16 KiB, before next-auth reads it", async () => {
    const res = await nextAuthRoute.POST(new NextRequest(URL, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form(20 * 1024 * 1024) }), context);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers 413 to a streamed body with no Content-Length as soon as it passes 16 KiB, without reading the rest", async () => {
    const { body, pulled } = streamed(3200); // 200 MiB if read to the end
    const req = new NextRequest(URL, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, duplex: "half" } as unknown as ConstructorParameters<
      typeof NextRequest
    >[1]);
    const res = await nextAuthRoute.POST(req, context);
    expect(res.status).toBe(413);
    expect(pulled()).toBeLessThan(5);
  });

  it("passes a body up to 16 KiB to next-auth unchanged, and puts the security headers on its answer", async () => {
    let seen = "";
    const handler = authRoute(async (req) => {
      seen = await req.text();
      return new Response("<html></html>", { headers: { "content-type": "text/html" } });
    });
    const body = form(MAX_AUTH_BODY_BYTES);
    const res = await handler(new NextRequest(URL, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }), context);
    expect(seen).toBe(body);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const over = await handler(new NextRequest(URL, { method: "POST", body: form(MAX_AUTH_BODY_BYTES + 1) }), context);
    expect(over.status).toBe(413);
  });
});
