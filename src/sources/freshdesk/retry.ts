// Retry policy as data (STYLE.md §3) and the pure decision "retry? how long?".
// Freshdesk sends Retry-After (seconds) on 429 and X-RateLimit-Total / -Remaining / -Used-CurrentRequest on
// every response (developers.freshdesk.com/api/#ratelimit; support article 225439 for the per-plan numbers);
// there is no reset header, so a 429's Retry-After is the only clock we get.

export interface RetryPolicy {
  /** Statuses worth another try. */
  retryStatuses: number[];
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Extra random share of the delay (0.2 = up to +20 %), so parallel readers do not retry in step. */
  jitter: number;
}

export const FRESHDESK_RETRY_POLICY: RetryPolicy = {
  retryStatuses: [429, 500, 502, 503, 504],
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 65_000,
  jitter: 0.2,
};

export interface RetryInput {
  attempt: number;
  /** null for a network failure. */
  status: number | null;
  headers: Record<string, string>;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export function decideRetry(policy: RetryPolicy, input: RetryInput, random: () => number = Math.random): RetryDecision {
  if (input.attempt >= policy.maxAttempts) return { retry: false };
  if (input.status !== null && !policy.retryStatuses.includes(input.status)) return { retry: false };
  const retryAfter = Number(input.headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) {
    // The server said when: wait exactly that (no jitter below it), capped.
    return { retry: true, delayMs: Math.min(retryAfter * 1000, policy.maxDelayMs) };
  }
  const backoff = policy.baseDelayMs * 2 ** (input.attempt - 1);
  const delay = Math.min(backoff * (1 + policy.jitter * random()), policy.maxDelayMs);
  return { retry: true, delayMs: Math.round(delay) };
}
