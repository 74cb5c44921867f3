import { ZodError } from "zod";
import { DomainError } from "@/lib/errors";
import { errorEnvelope } from "@/scripts/api-envelope.mjs";

// The error codes of SPEC §7 and their statuses: the one table every response reads.
export const ERROR_STATUS = {
  ambiguous_credentials: 400,
  invalid_json: 400,
  missing_api_key: 401,
  invalid_api_key: 401,
  key_revoked: 401,
  key_expired: 401,
  key_disabled: 401,
  secret_key_in_browser: 401,
  insufficient_permissions: 403,
  scope_violation: 403,
  ip_not_allowed: 403,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_reused: 409,
  idempotency_key_in_use: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  quota_exhausted: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DOMAIN_CODES: Record<DomainError["code"], ErrorCode> = {
  not_found: "not_found",
  conflict: "conflict",
  validation_failed: "validation_failed",
  forbidden: "insufficient_permissions",
  rate_limited: "rate_limited",
  // Dashboard-only refusals; should one ever reach /api/v1, it is a permission refusal there.
  reauthentication_required: "insufficient_permissions",
  two_factor_required: "insufficient_permissions",
  precondition_failed: "precondition_failed",
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][]; keys?: string[] };

/**
 * Zod issues as `{path, message}`. A body that matches no branch of a union (an event or a batch
 * of events) reports the branch it came closest to, not a bare "Invalid input".
 */
export function zodIssues(error: ZodError | { issues: Issue[] }): { path: string; message: string }[] {
  const flat = (issues: Issue[], prefix: PropertyKey[]): { path: string; message: string }[] =>
    issues.flatMap((i) => {
      const path = [...prefix, ...i.path];
      if (i.code === "invalid_union" && i.errors?.length) {
        const closest = [...i.errors].sort((a, b) => a.length - b.length)[0];
        return flat(closest, path);
      }
      // zod puts an unknown field on its object; name the field itself in the path.
      if (i.code === "unrecognized_keys" && i.keys?.length) {
        return i.keys.map((key) => ({ path: [...path, key].map(String).join("."), message: `Unknown field "${key}".` }));
      }
      return [{ path: path.map(String).join("."), message: i.message }];
    });
  return flat(error.issues as Issue[], []);
}

/** Anything thrown becomes an ApiError; unknown errors become `internal` with no detail. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    return new ApiError("validation_failed", "The request is not valid.", { issues: zodIssues(error) });
  }
  if (error instanceof DomainError) {
    const code = DOMAIN_CODES[error.code];
    const details = code === "validation_failed" ? { issues: [{ path: error.field ?? "", message: error.message }] } : undefined;
    return new ApiError(code, error.message, details);
  }
  if (isDatabaseUnreachable(error)) {
    return new ApiError("unavailable", "The database cannot be reached right now; try again shortly.", undefined, { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) });
  }
  const prismaCode = (error as { code?: unknown } | null)?.code;
  if (prismaCode === "P2002") return new ApiError("conflict", "This conflicts with an existing record (it was probably created at the same moment).");
  if (prismaCode === "P2025") return new ApiError("not_found", "Not found.");
  if (prismaCode === "P2003") return new ApiError("conflict", "Something this refers to was changed or deleted at the same moment; try again.");
  return new ApiError("internal", "Something went wrong on our side. Quote the request id if you contact support.");
}

export const UNAVAILABLE_RETRY_SECONDS = 5;

// Prisma's codes for a server it cannot reach, a connection it lost or could not get in time, and
// the driver adapter's kinds for the same (a raw query reports them as P2010 with this cause).
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** The database is away (restarting, unreachable, out of connections): a 503 to retry, not a 500 to report. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, meta, message } = (error ?? {}) as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } }; message?: unknown };
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
  const kind = meta?.driverAdapterError?.cause?.kind;
  if (typeof kind === "string" && UNREACHABLE_KINDS.has(kind)) return true;
  // node-postgres, when the server closes a connection in the middle of a query.
  return typeof message === "string" && /Connection terminated (unexpectedly|due to connection timeout)/.test(message);
}

export function errorBody(error: ApiError, requestId: string) {
  return errorEnvelope(error.code, error.message, requestId, detailsOf(error));
}

/** SPEC §7: validation_failed always carries `details.issues = [{path, message}]`, whoever raised it. */
function detailsOf(error: ApiError): Record<string, unknown> | undefined {
  if (error.code !== "validation_failed" || Array.isArray(error.details?.issues)) return error.details;
  return { issues: [{ path: "", message: error.message }] };
}
