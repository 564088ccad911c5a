// Freshdesk's retry policy, decided by the shared pure function: a table of what happens.
import { describe, expect, it } from 'vitest';
import { FRESHDESK_RETRY_POLICY } from '../../../src/sources/freshdesk/retry.js';
import { decideRetry } from '../../../src/sources/shared/retry.js';
import { DNS_RETRY_ROWS } from '../shared/dns-retry-rows.js';

const base = { now: 0, random: 0 };

describe('Freshdesk retry policy', () => {
  it.each([
    [
      '429 with Retry-After 30',
      { attempt: 1, status: 429, headers: { 'retry-after': '30' } },
      { retry: true, delayMs: 30_000 },
    ],
    [
      '429 asking more than a minute and a bit',
      { attempt: 1, status: 429, headers: { 'retry-after': '120' } },
      { retry: false },
    ],
    ['503 without headers', { attempt: 1, status: 503 }, { retry: true, delayMs: 500 }],
    ['503 on the third attempt', { attempt: 3, status: 503 }, { retry: true, delayMs: 2000 }],
    ['503 on the last attempt', { attempt: 6, status: 503 }, { retry: false }],
    ['400 validation error', { attempt: 1, status: 400 }, { retry: false }],
    ['401 wrong key', { attempt: 1, status: 401 }, { retry: false }],
    ['a reset connection', { attempt: 1, errorCode: 'ECONNRESET' }, { retry: true, delayMs: 500 }],
    // The same DNS classification as Zendesk's.
    ...DNS_RETRY_ROWS,
  ])('when %s, then the decision is as the table says', (_what, input, expected) => {
    expect(decideRetry(FRESHDESK_RETRY_POLICY, { ...base, ...input })).toMatchObject(expected);
  });
});
