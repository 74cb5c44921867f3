import { describe, expect, it } from "vitest";
import { toApiError } from "./errors";

describe("toApiError: a database that is away", () => {
  const unreachable = [
    ["Prisma P1001 (can't reach the server)", { code: "P1001", message: "Can't reach database server" }],
    ["Prisma P2024 (no pooled connection in time)", { code: "P2024", message: "Timed out fetching a new connection" }],
    ["a raw query through the pg adapter", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 } } } }],
    ["a connection closed by the adapter", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } }],
    ["node-postgres mid-query", new Error("Connection terminated unexpectedly")],
  ] as const;

  it.each(unreachable)("%s is 503 unavailable with Retry-After", (_label, error) => {
    const apiError = toApiError(error);
    expect(apiError.code).toBe("unavailable");
    expect(apiError.status).toBe(503);
    expect(apiError.headers).toEqual({ "Retry-After": "5" });
    expect(apiError.message).not.toMatch(/127\.0\.0\.1|5432/);
  });

  it("leaves other database errors alone", () => {
    expect(toApiError({ code: "P2002" }).code).toBe("conflict");
    expect(toApiError({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "42P01" } } } }).code).toBe("internal");
    expect(toApiError(new Error("boom")).code).toBe("internal");
  });
});
