// What a stage's error means for its run (STYLE.md §4), as one pure decision: a run is never left running
// without a job. An error of one record never gets here (load-staged.ts fails that record and goes on); what
// does is the stage's own: transient ones retry the job, the rest pause the run with the vendor's words.
import {
  ConfigurationError,
  ForbiddenError,
  InputError,
  RecordError,
  RetryableError,
  SkipError,
} from '../errors.js';
import { HttpFailure } from '../sources/shared/http-client.js';

export type StageErrorOutcome = { kind: 'pause'; reason: string } | { kind: 'retry'; reason: string };

/** Statuses that say "not now" rather than "not this": worth another try of the job. */
const TRANSIENT_STATUSES = new Set([408, 429]);

export function stageErrorOutcome(error: unknown): StageErrorOutcome {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof RetryableError) return { kind: 'retry', reason };
  if (
    error instanceof ConfigurationError ||
    error instanceof ForbiddenError ||
    error instanceof InputError ||
    // A record's error outside any record (reference data, a source list): the same answer would come again.
    error instanceof RecordError ||
    error instanceof SkipError
  )
    return { kind: 'pause', reason };
  if (error instanceof HttpFailure) {
    const status = error.failure.status;
    if (status !== undefined && status >= 400 && status < 500 && !TRANSIENT_STATUSES.has(status))
      return { kind: 'pause', reason };
    // A link to another host: the same request would be refused again.
    if (status === undefined) return { kind: 'pause', reason };
  }
  // Anything else (a lost database connection, a bug) is tried again; the job's last attempt fails the run.
  return { kind: 'retry', reason };
}
