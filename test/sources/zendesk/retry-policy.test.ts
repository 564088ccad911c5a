// Zendesk's retry policy, decided by the shared pure function: a table of what happens.
import { describe, expect, it } from 'vitest';
import { decideRetry } from '../../../src/sources/shared/retry.js';
import { DNS_RETRY_ROWS } from '../shared/dns-retry-rows.js';
import { ZENDESK_RETRY_POLICY } from '../../../src/sources/zendesk/index.js';

const base = { now: 0, random: 0 };

describe('Zendesk retry policy', () => {
  it.each([
    [
      '429 with Retry-After 30',
      { attempt: 1, status: 429, headers: { 'retry-after': '30' } },
      { retry: true, delayMs: 30_000 },
    ],
    ['503 without headers', { attempt: 1, status: 503 }, { retry: true, delayMs: 500 }],
    ['503 on the last attempt', { attempt: 6, status: 503 }, { retry: false }],
    // The same DNS classification as Freshdesk's.
    ...DNS_RETRY_ROWS,
  ])('when %s, then the decision is as the table says', (_what, input, expected) => {
    expect(decideRetry(ZENDESK_RETRY_POLICY, { ...base, ...input })).toMatchObject(expected);
  });
});
