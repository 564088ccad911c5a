// What happens after a handler throws: retry later (exponential backoff with a cap) or fail for good.
// graphile-worker's own backoff is exp(min(attempts, 10)) seconds — up to 6 hours, not configurable —
// so the runner settles failures itself with this policy (see settle.ts).
import { FerryError, RetryableError } from '../../errors.js';

export interface BackoffPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** No delay exceeds this (except a longer Retry-After the vendor asked for). */
  capMs: number;
  /** 0..1: each delay is shortened by up to this fraction at random, so retries spread out. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 10 * 60_000, jitter: 0.2 };

export type FailureDecision = { kind: 'retry'; delayMs: number } | { kind: 'fail'; reason: string };

export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.capMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random()));
}

/**
 * Retry anything unexpected (network, database, bugs that may be transient) and RetryableError; our
 * other error classes (configuration, record, input…) say retrying cannot help, so they fail now.
 */
export function decideFailure(
  err: unknown,
  attempt: number,
  maxAttempts: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): FailureDecision {
  const message = errorMessage(err);
  if (err instanceof FerryError && !(err instanceof RetryableError)) {
    return { kind: 'fail', reason: `${err.code}: ${message} (not retried)` };
  }
  if (attempt >= maxAttempts) {
    return { kind: 'fail', reason: `${message} (gave up after ${attempt} attempts)` };
  }
  const delayMs = backoffDelayMs(attempt, policy, random);
  const retryAfterMs = err instanceof RetryableError ? (err.retryAfterMs ?? 0) : 0;
  return { kind: 'retry', delayMs: Math.max(delayMs, retryAfterMs) };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err) || 'unknown error';
}
