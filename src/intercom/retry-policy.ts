// The one decision "retry this Intercom call, and after how long?" as a pure function (STYLE.md §3).
// Facts: Intercom answers 429 `rate_limit_exceeded` with X-RateLimit-Reset = the Unix second at which the
// 10-second window resets (developers.intercom.com … /rest-api/errors/rate-limiting).
// A write that may already have been applied (5xx or a timeout or reset after the request was sent) is
// retried only when repeating it is harmless (`idempotent`); otherwise the caller gets an error that says
// the outcome is unknown, and the ledger reconciles by reading Intercom back (DESIGN.md, the ledger).
// Which failures are retried, and which may have been applied: the table every client shares
// (src/retry-table.ts). A 429 waits for the later of X-RateLimit-Reset and Retry-After; with neither, it
// backs off (bounded by maxDelayMs).
import { classifyNetworkError, classifyStatus, isUnknownHost, mayRetry } from '../retry-table.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Added on top of the wait until X-RateLimit-Reset, so waiting callers do not all wake at once. */
  resetJitterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  resetJitterMs: 500,
};

export type CallFailure =
  | {
      kind: 'status';
      status: number;
      rateLimitResetSec?: number | undefined;
      /** Retry-After, in ms from now. */
      retryAfterMs?: number | undefined;
    }
  | { kind: 'network'; code: string };

export interface RetryInput {
  failure: CallFailure;
  /** 1 for the first attempt. */
  attempt: number;
  idempotent: boolean;
  nowMs: number;
  /** A number in [0, 1) (Math.random in production, fixed in tests). */
  random: number;
  policy?: RetryPolicy;
}

export type RetryDecision =
  | { retry: true; delayMs: number; reason: string }
  | { retry: false; reason: string; outcomeUnknown: boolean };

function backoff(attempt: number, random: number, p: RetryPolicy): number {
  const cap = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random); // "equal jitter": at least half the cap
}

export function decideRetry(input: RetryInput): RetryDecision {
  const p = input.policy ?? DEFAULT_RETRY_POLICY;
  const { failure, attempt, idempotent, nowMs, random } = input;
  const exhausted = attempt >= p.maxAttempts;

  if (failure.kind === 'status') {
    const s = failure.status;
    const row = classifyStatus(s);
    const what =
      s === 429 ? 'rate limited' : s === 408 ? 'request timeout' : s >= 500 ? `server error ${s}` : '';
    if (!row.retry)
      return { retry: false, reason: what || `client error ${s}`, outcomeUnknown: row.maybeApplied };
    if (!mayRetry(row, idempotent))
      return { retry: false, reason: `${what} on a write`, outcomeUnknown: true };
    if (exhausted)
      return { retry: false, reason: `${what}, attempts exhausted`, outcomeUnknown: row.maybeApplied };
    if (s !== 429) return { retry: true, delayMs: backoff(attempt, random, p), reason: what };
    const untilReset =
      failure.rateLimitResetSec !== undefined ? failure.rateLimitResetSec * 1000 - nowMs : NaN;
    const asked = Math.max(Number.isFinite(untilReset) ? untilReset : -1, failure.retryAfterMs ?? -1);
    const wait = asked >= 0 ? asked : backoff(attempt, random, p);
    return {
      retry: true,
      delayMs: Math.min(p.maxDelayMs, Math.round(wait + p.resetJitterMs * random)),
      reason: what,
    };
  }

  const row = classifyNetworkError(failure.code);
  if (isUnknownHost(failure.code))
    return { retry: false, reason: `${failure.code}: unknown host`, outcomeUnknown: false };
  if (!row.retry)
    return { retry: false, reason: `${failure.code} (${row.why})`, outcomeUnknown: row.maybeApplied };
  if (!mayRetry(row, idempotent))
    return { retry: false, reason: `${failure.code} after the write was sent`, outcomeUnknown: true };
  if (exhausted)
    return { retry: false, reason: `${failure.code}, attempts exhausted`, outcomeUnknown: row.maybeApplied };
  return { retry: true, delayMs: backoff(attempt, random, p), reason: failure.code };
}
