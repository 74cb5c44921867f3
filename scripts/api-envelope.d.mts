export function requestIdOf(inbound: string | null | undefined): string;
export function apiHeaders(requestId: string): Record<string, string>;
export function errorEnvelope(
  code: string,
  message: string,
  requestId: string,
  details?: Record<string, unknown>,
): { error: { code: string; message: string; details?: Record<string, unknown> }; requestId: string };
