// Zendesk's pacing (the pacer itself is shared: ../shared/remaining-pacer.ts). Zendesk documents
// X-Rate-Limit / X-Rate-Limit-Remaining ("remaining in the current minute") on its responses and, on the
// Ticketing APIs, ratelimit-limit / ratelimit-remaining / ratelimit-reset (seconds to the window's end, e.g.
// "ratelimit-reset: 41"); over the limit a 429 with Retry-After in seconds.
// https://developer.zendesk.com/api-reference/introduction/rate-limits and
// https://developer.zendesk.com/documentation/api-basics/best-practices/best-practices-for-avoiding-rate-limiting
// Uncertain: the docs show the ratelimit-* form on list endpoints, not for every endpoint, and do not say
// whether the reset is rounded up or down. So either form of remaining is read (the newer first), and
// without a reset the pacer probes with one call instead of waiting; a garbled header reads as absent.
import { z } from 'zod';
import { headerNumber, RemainingPacer, type RateReading } from '../shared/remaining-pacer.js';

const zendeskRateHeaders = z.object({
  'ratelimit-remaining': headerNumber,
  'x-rate-limit-remaining': headerNumber,
  'ratelimit-reset': headerNumber,
  'retry-after': headerNumber,
});

export function readZendeskRate(headers: Record<string, string | undefined>): RateReading {
  const h = zendeskRateHeaders.parse(headers);
  return {
    remaining: h['ratelimit-remaining'] ?? h['x-rate-limit-remaining'],
    resetSeconds: h['ratelimit-reset'],
    retryAfterSeconds: h['retry-after'],
  };
}

/** Zendesk counts requests: each call costs one. */
export function zendeskPacer(now: () => number = Date.now): RemainingPacer {
  return new RemainingPacer({ costPerCall: 1, read: readZendeskRate, now });
}
