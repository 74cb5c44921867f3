// How a request to /api/v1 turned out, by its status: the usage chart's stacks and the recent
// requests' filter. No server-only import, so the dashboard's client components read it too.

export const OUTCOMES = ["success", "clientError", "rateLimited", "serverError"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  success: "Success",
  clientError: "Client error",
  rateLimited: "Rate limited",
  serverError: "Server error",
};

export function outcomeOf(status: number): Outcome {
  if (status === 429) return "rateLimited";
  if (status >= 500) return "serverError";
  if (status >= 400) return "clientError";
  return "success";
}

/** The statuses of each outcome as a database filter: outcomeOf, for a query (the tests hold the two together). */
export const STATUS_OF_OUTCOME: Record<Outcome, number | { gte?: number; lt?: number; not?: number }> = {
  success: { lt: 400 },
  clientError: { gte: 400, lt: 500, not: 429 },
  rateLimited: 429,
  serverError: { gte: 500 },
};

export const isOutcome = (value: unknown): value is Outcome => (OUTCOMES as readonly unknown[]).includes(value);
