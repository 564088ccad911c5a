// The few error classes that decide what happens next (STYLE.md §4). Each carries a stable `code`.
// - RetryableError: transient (429, 5xx, timeouts, resets); the caller retries with backoff.
// - RecordError: this one record fails (the ledger row gets the message), the run goes on.
// - ConfigurationError: the run pauses with a reason the admin can act on (bad credentials, revoked token,
//   plan restriction, unreachable side).
// - SkipError: the record is skipped with its reason.
// - SignatureError: an unsigned or wrongly signed request (HTTP 401).
// - InputError: bad input on a request or form (HTTP 400), naming the field when there is one.
// - StoppedError: a wait ended because the run was paused or cancelled (not a failure of anything).

export abstract class FerryError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class RetryableError extends FerryError {
  readonly code = 'retryable';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class RecordError extends FerryError {
  readonly code = 'record_failed';
  constructor(
    message: string,
    readonly sourceId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ConfigurationError extends FerryError {
  readonly code = 'configuration';
  constructor(
    message: string,
    readonly side?: 'source' | 'intercom',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class SkipError extends FerryError {
  readonly code = 'skipped';
}

export class SignatureError extends FerryError {
  readonly code = 'bad_signature';
}

export class InputError extends FerryError {
  readonly code = 'bad_input';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends FerryError {
  readonly code = 'not_found';
}

export class ForbiddenError extends FerryError {
  readonly code = 'forbidden';
}

/** The reason a stage's waits are aborted with when its run is paused or cancelled: the stage just stops. */
export class StoppedError extends FerryError {
  readonly code = 'stopped';
}
