// Typed failures of the domain layer. Server actions turn them into results, the API into the
// §7 envelope. `field` ties a message to a form field.
export type DomainErrorCode =
  | "not_found"
  | "conflict"
  | "validation_failed"
  | "forbidden"
  | "rate_limited"
  // The dashboard asks "Confirm it's you" and retries (sudo mode), or sends the member to set up two-factor.
  | "reauthentication_required"
  | "two_factor_required"
  // A conditional write (If-Match, the dashboard's stale-form check) named another version.
  | "precondition_failed";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} was not found.`);

/** A write conditional on what was read (a version, a form's values) found the object changed since. */
export class StaleRead extends DomainError {
  constructor(message = "This object changed since you read it; fetch it again and retry.") {
    super("precondition_failed", message);
  }
}

/** A conditional write found the object at another version than the one it was told to change. */
export class StaleVersion extends StaleRead {
  constructor(readonly current: number) {
    super(`This object changed since you read it (it is now version ${current}); fetch it again and retry.`);
  }
}

/**
 * A dashboard form saved over a change made since it was opened (SPEC §6): refused, naming who
 * made the latest change and when (from the audit log), so the form can offer "Reload".
 */
export class EditConflict extends DomainError {
  constructor(
    what: string,
    readonly changedBy: string | null,
    readonly changedAt: Date | null,
  ) {
    const who = changedBy ?? "Someone";
    const when = changedAt ? ` at ${changedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
    super("precondition_failed", `This ${what} changed since you opened it: ${who} changed it${when}. Reload it to see the change, then make yours again.`);
  }
}
