// Freshdesk's retry policy as data (the decision itself is shared: ../shared/retry.ts).
// Freshdesk sends Retry-After (seconds) on 429 and X-RateLimit-Total / -Remaining / -Used-CurrentRequest on
// every response (developers.freshdesk.com/api/#ratelimit; support article 225439 for the per-plan numbers);
// it sends no reset header, so a 429's Retry-After is the only clock there is. Limits are per minute, so a
// wait of up to a little over a minute is normal. Which failures are retried: src/retry-table.ts.
import type { RetryPolicy } from '../shared/retry.js';

export const FRESHDESK_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 0.2,
  retryAfterHeaders: ['retry-after'],
  resetHeaders: [],
  maxWaitMs: 65_000,
};
