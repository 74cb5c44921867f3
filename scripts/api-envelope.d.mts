export function requestIdOf(inbound: string | null | undefined): string;
export function apiHeaders(requestId: string): Record<string, string>;
export function errorEnvelope(
  code: string,
  message: string,
  requestId: string,
  details?: Record<string, unknown>,
): { error: { code: string; message: string; details?: Record<string, unknown> }; requestId: string };
/** Name, code and stack frames of a thrown value, never its message; never throws. */
export function describeError(error: unknown): string;
