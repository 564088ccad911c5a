// The one decision "retry this Intercom call, and after how long?" as a pure function (STYLE.md §3).
// Facts: Intercom answers 429 `rate_limit_exceeded` with X-RateLimit-Reset = the Unix second at which the
// 10-second window resets (developers.intercom.com … /rest-api/errors/rate-limiting).
// A write that may already have been applied (5xx or a timeout or reset after the request was sent) is
// retried only when repeating it is harmless (`idempotent`); otherwise the caller gets an error that says
// the outcome is unknown, and the ledger reconciles by reading Intercom back (DESIGN.md, the ledger).

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
  | { kind: 'status'; status: number; rateLimitResetSec?: number | undefined }
  /** `sent: false`: the request never reached Intercom (refused, DNS), so repeating it is always safe. */
  | { kind: 'network'; code: string; sent: boolean };

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

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isNotSentCode(code: string): boolean {
  return NOT_SENT_CODES.has(code);
}

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
    if (s === 429) {
      if (exhausted)
        return { retry: false, reason: 'rate limited, attempts exhausted', outcomeUnknown: false };
      const untilReset =
        failure.rateLimitResetSec !== undefined ? failure.rateLimitResetSec * 1000 - nowMs : NaN;
      const wait = Number.isFinite(untilReset) ? Math.max(0, untilReset) : backoff(attempt, random, p);
      return {
        retry: true,
        delayMs: Math.min(p.maxDelayMs, Math.round(wait + p.resetJitterMs * random)),
        reason: 'rate limited',
      };
    }
    if (s === 408) {
      // Intercom did not get the whole request: nothing was applied.
      if (exhausted)
        return { retry: false, reason: 'request timeout, attempts exhausted', outcomeUnknown: false };
      return { retry: true, delayMs: backoff(attempt, random, p), reason: 'request timeout' };
    }
    if (s >= 500) {
      if (!idempotent) return { retry: false, reason: `server error ${s} on a write`, outcomeUnknown: true };
      if (exhausted)
        return { retry: false, reason: `server error ${s}, attempts exhausted`, outcomeUnknown: true };
      return { retry: true, delayMs: backoff(attempt, random, p), reason: `server error ${s}` };
    }
    return { retry: false, reason: `client error ${s}`, outcomeUnknown: false };
  }

  const safe = !failure.sent || idempotent;
  if (!safe)
    return { retry: false, reason: `${failure.code} after the write was sent`, outcomeUnknown: true };
  if (exhausted)
    return { retry: false, reason: `${failure.code}, attempts exhausted`, outcomeUnknown: failure.sent };
  return { retry: true, delayMs: backoff(attempt, random, p), reason: failure.code };
}
