import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES } from "./body-limits.mjs";
import { actionBodyTooLarge, answerBeforeNext, rawAnswer, requestIdOf, trustedClientAddress } from "./server.mjs";

describe("the client address the server trusts", () => {
  it("ignores a client-sent X-Forwarded-For when no proxy is trusted", () => {
    expect(trustedClientAddress("6.6.6.6", "203.0.113.5", 0)).toBe("203.0.113.5");
    expect(trustedClientAddress(undefined, "203.0.113.5", 0)).toBe("203.0.113.5");
  });

  it("takes the address the trusted proxy saw, not what the client prepended", () => {
    // nginx appends the peer it saw; the socket peer is nginx itself.
    expect(trustedClientAddress("6.6.6.6, 198.51.100.20", "10.0.0.2", 1)).toBe("198.51.100.20");
    expect(trustedClientAddress("198.51.100.20, 10.0.0.3", "10.0.0.2", 2)).toBe("198.51.100.20");
  });

  it("falls back to the leftmost entry when fewer hops arrived than configured", () => {
    expect(trustedClientAddress("", "10.0.0.2", 3)).toBe("10.0.0.2");
  });
});

describe("server action bodies", () => {
  it("refuses a server action whose declared body is over the limit, and nothing else", () => {
    const action = { "next-action": "7f00aa", "content-length": String(2 * 1024 * 1024) };
    expect(actionBodyTooLarge("POST", action)).toBe(true);
    expect(actionBodyTooLarge("POST", { ...action, "content-length": String(ACTION_BODY_LIMIT_BYTES) })).toBe(false);
    expect(actionBodyTooLarge("POST", { "content-length": String(2 * 1024 * 1024) })).toBe(false);
    expect(actionBodyTooLarge("GET", action)).toBe(false);
  });
});

describe("answers the server gives before Next.js", () => {
  const raw = (headers) => Object.entries(headers).flat();

  it("answers TRACE, CONNECT and any method no route serves (QUERY, PROPFIND) under /api with 405 method_not_allowed in the envelope, with Allow and a request id", () => {
    for (const method of ["TRACE", "CONNECT", "QUERY", "PROPFIND"]) {
      const answer = answerBeforeNext(method, "/api/health", []);
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(answer.headers["content-type"]).toBe("application/json");
      expect(answer.headers["cache-control"]).toBe("no-store");
      const body = JSON.parse(answer.body);
      expect(body.error.code).toBe("method_not_allowed");
      expect(body.requestId).toMatch(/^req_[0-9a-f]{32}$/);
      expect(answer.headers["x-request-id"]).toBe(body.requestId);
    }
    expect(answerBeforeNext("TRACE", "/api/v1/users?limit=1", raw({ "X-Request-Id": "trace-1" })).headers["x-request-id"]).toBe("trace-1");
  });

  it("answers TRACE elsewhere, and CONNECT (an authority, not a path), with a plain 405, and hands every other method on", () => {
    const page = answerBeforeNext("TRACE", "/login", []);
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBeTruthy();
    const connect = rawAnswer(answerBeforeNext("CONNECT", "example.com:443", []));
    expect(connect).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(connect).toContain("allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n");
    expect(connect).toContain("content-length: 19\r\n");
    expect(connect.endsWith("\r\n\r\nMethod Not Allowed\n")).toBe(true);
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(answerBeforeNext(method, "/api/v1/users", [])).toBeNull();
  });

  it("answers OPTIONS * (the asterisk form, about the server) with 204 and the served methods, and any other method with * with 400", () => {
    expect(answerBeforeNext("OPTIONS", "*", [])).toMatchObject({ status: 204, headers: { allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" } });
    expect(answerBeforeNext("GET", "*", [])).toMatchObject({ status: 400 });
  });

  it("refuses a repeated Authorization or X-API-Key under /api with 400 ambiguous_credentials", () => {
    for (const rawHeaders of [
      ["Authorization", "Bearer lk_sk_a", "authorization", "Bearer lk_sk_b"],
      ["X-API-Key", "lk_sk_a", "x-api-key", "lk_sk_a"],
    ]) {
      const answer = answerBeforeNext("GET", "/api/v1/me", rawHeaders);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error.code).toBe("ambiguous_credentials");
      expect(answer.headers["x-request-id"]).toBe(JSON.parse(answer.body).requestId);
    }
    // One of each is for the route to judge (the same key twice is fine, two different ones are not).
    expect(answerBeforeNext("GET", "/api/v1/me", ["Authorization", "Bearer lk_sk_a", "X-API-Key", "lk_sk_a"])).toBeNull();
    // An absolute-form request target (`GET http://host/api/v1/me HTTP/1.1`) is the same request.
    expect(answerBeforeNext("GET", "http://127.0.0.1:3000/api/v1/me", ["Authorization", "Bearer a", "Authorization", "Bearer b"])?.status).toBe(400);
    expect(answerBeforeNext("TRACE", "http://127.0.0.1:3000/api/health", [])?.headers["content-type"]).toBe("application/json");
    // Pages are not the API: their headers are the browser's business.
    expect(answerBeforeNext("GET", "/p/acme", ["Authorization", "a", "Authorization", "b"])).toBeNull();
  });

  it("makes request ids the way the /api handlers do", async () => {
    const { requestIdFor } = await import("@/lib/api/request-id");
    for (const inbound of ["abc-1.2_3", "x".repeat(64), "x".repeat(65), "a b", "<script>", "", undefined]) {
      const ours = requestIdOf(inbound);
      const theirs = requestIdFor(new Headers(inbound === undefined ? {} : { "x-request-id": inbound }));
      expect(ours === inbound, String(inbound)).toBe(theirs === inbound);
      expect(ours).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    }
  });
});
