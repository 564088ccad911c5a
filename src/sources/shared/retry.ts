// Retry as data (STYLE.md §3): a vendor's policy is a value, and "retry? how long?" is a pure function of the
// policy and what happened, tested by a table (test/sources/shared/retry.test.ts). Which failures are worth
// another try at all is the one table every client shares (src/retry-table.ts); a policy says how long.
import { classifyNetworkError, classifyStatus, isUnknownHost, networkErrorCode } from '../../retry-table.js';

export { isUnknownHost, networkErrorCode };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Exponential backoff: base * 2^(attempt-1), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Fraction of the delay added at random (0..1) so parallel workers do not retry in step. */
  jitter: number;
  /** Headers giving seconds to wait (Retry-After) or the reset instant/seconds (X-RateLimit-Reset). */
  retryAfterHeaders: readonly string[];
  /** How a reset header is read: seconds from now, or a Unix timestamp in seconds. */
  resetHeaders: ReadonlyArray<{ name: string; kind: 'seconds' | 'epoch-seconds' }>;
  /** A server asking for longer than this is not waited for: the caller gets a RetryableError instead. */
  maxWaitMs: number;
}

export interface RetryInput {
  /** The attempt that just failed, from 1. */
  attempt: number;
  status?: number;
  errorCode?: string;
  /** Response headers, lower-case names. */
  headers?: Record<string, string | undefined>;
  /** Now, in ms (for epoch reset headers). */
  now: number;
  /** A number in [0, 1) for the jitter (pass Math.random() in production; a constant in tests). */
  random: number;
}

export type RetryDecision =
  { retry: true; delayMs: number; reason: string } | { retry: false; reason: string; waitMs?: number };

export function decideRetry(policy: RetryPolicy, input: RetryInput): RetryDecision {
  if (isUnknownHost(input.errorCode)) return { retry: false, reason: `${input.errorCode}: unknown host` };
  // Source calls are reads (the one POST, Freshdesk's account export, is harmless to repeat): whether a
  // failed request may have been applied does not matter here.
  const row =
    input.status !== undefined ? classifyStatus(input.status) : classifyNetworkError(input.errorCode);
  if (!row.retry) {
    return {
      retry: false,
      reason: input.status ? `status ${input.status} is not retryable` : 'not retryable',
    };
  }
  const what = input.status ? `status ${input.status}` : String(input.errorCode);
  const asked = serverWaitMs(policy, input);
  if (input.attempt >= policy.maxAttempts) {
    return {
      retry: false,
      reason: `${what}: gave up after ${input.attempt} attempts`,
      ...(asked !== null ? { waitMs: asked } : {}),
    };
  }
  if (asked !== null) {
    if (asked > policy.maxWaitMs)
      return { retry: false, reason: `${what}: server asks to wait ${asked} ms`, waitMs: asked };
    return { retry: true, delayMs: asked, reason: `${what}: waiting as the server asks` };
  }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (input.attempt - 1));
  return {
    retry: true,
    delayMs: Math.round(backoff * (1 + policy.jitter * input.random)),
    reason: `${what}: backoff`,
  };
}

/** The wait the server asked for, in ms, or null when it said nothing usable. */
function serverWaitMs(policy: RetryPolicy, input: RetryInput): number | null {
  const headers = input.headers ?? {};
  for (const name of policy.retryAfterHeaders) {
    const value = headers[name.toLowerCase()];
    if (value === undefined) continue;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(value); // Retry-After may be an HTTP date (RFC 9110 §10.2.3)
    if (!Number.isNaN(date)) return Math.max(0, date - input.now);
  }
  // Reset headers describe the rate-limit window: they say nothing about how long a 5xx lasts.
  if (input.status !== 429) return null;
  for (const { name, kind } of policy.resetHeaders) {
    const value = Number(headers[name.toLowerCase()]);
    if (!Number.isFinite(value)) continue;
    return kind === 'seconds' ? Math.ceil(value * 1000) : Math.max(0, value * 1000 - input.now);
  }
  return null;
}
