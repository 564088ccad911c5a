// Freshdesk's pacing (the pacer itself is shared: ../shared/remaining-pacer.ts). Freshdesk counts every call
// against the account's minute, refused ones too, and sends X-RateLimit-Remaining but no reset time, only
// Retry-After on the 429 (QUIRKS.md, "Rate limit"; developers.freshdesk.com/api/#ratelimit): near the end of
// the minute calls go one at a time, and that one finds the new minute or takes the 429.
import { z } from 'zod';
import { headerNumber, RemainingPacer, type RateReading } from '../shared/remaining-pacer.js';

/** What one call may cost: a view with include=conversations is charged 2 credits. */
const CREDITS_PER_CALL = 2;

const freshdeskRateHeaders = z.object({
  'x-ratelimit-remaining': headerNumber,
  'retry-after': headerNumber,
});

export function readFreshdeskRate(headers: Record<string, string | undefined>): RateReading {
  const h = freshdeskRateHeaders.parse(headers);
  return { remaining: h['x-ratelimit-remaining'], retryAfterSeconds: h['retry-after'] };
}

export function freshdeskPacer(now: () => number = Date.now): RemainingPacer {
  return new RemainingPacer({ costPerCall: CREDITS_PER_CALL, read: readFreshdeskRate, now });
}
