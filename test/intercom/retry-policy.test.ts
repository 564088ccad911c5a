import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryInput } from '../../src/intercom/index.js';

const NOW = 1_700_000_000_000;
const base = { attempt: 1, idempotent: false, nowMs: NOW, random: 0.5, policy: DEFAULT_RETRY_POLICY };

// [name, input, expected] — delays follow DEFAULT_RETRY_POLICY (base 500 ms, jitter 500 ms at reset).
const table: Array<
  [string, Partial<RetryInput> & Pick<RetryInput, 'failure'>, ReturnType<typeof decideRetry>]
> = [
  [
    '429 waits until X-RateLimit-Reset plus jitter',
    { failure: { kind: 'status', status: 429, rateLimitResetSec: NOW / 1000 + 3 } },
    { retry: true, delayMs: 3250, reason: 'rate limited' },
  ],
  [
    '429 without a reset backs off, plus the reset jitter',
    { failure: { kind: 'status', status: 429 } },
    { retry: true, delayMs: 625, reason: 'rate limited' },
  ],
  [
    '429 on the last attempt gives up, nothing applied',
    { attempt: 6, failure: { kind: 'status', status: 429 } },
    { retry: false, reason: 'rate limited, attempts exhausted', outcomeUnknown: false },
  ],
  [
    '500 on a read retries',
    { idempotent: true, failure: { kind: 'status', status: 500 } },
    { retry: true, delayMs: 375, reason: 'server error 500' },
  ],
  [
    '503 on a read, third attempt, backs off longer',
    { idempotent: true, attempt: 3, failure: { kind: 'status', status: 503 } },
    { retry: true, delayMs: 1500, reason: 'server error 503' },
  ],
  [
    '500 on a write: outcome unknown, no blind retry',
    { failure: { kind: 'status', status: 500 } },
    { retry: false, reason: 'server error 500 on a write', outcomeUnknown: true },
  ],
  [
    '408 retries even a write',
    { failure: { kind: 'status', status: 408 } },
    { retry: true, delayMs: 375, reason: 'request timeout' },
  ],
  [
    "422 is the record's fault",
    { failure: { kind: 'status', status: 422 } },
    { retry: false, reason: 'client error 422', outcomeUnknown: false },
  ],
  [
    '401 is not retried',
    { idempotent: true, failure: { kind: 'status', status: 401 } },
    { retry: false, reason: 'client error 401', outcomeUnknown: false },
  ],
  [
    'refused connection: never sent, retried',
    { failure: { kind: 'network', code: 'ECONNREFUSED' } },
    { retry: true, delayMs: 375, reason: 'ECONNREFUSED' },
  ],
  [
    'timeout on a read: retried',
    { idempotent: true, failure: { kind: 'network', code: 'ECONNABORTED' } },
    { retry: true, delayMs: 375, reason: 'ECONNABORTED' },
  ],
  [
    'reset after a write was sent: outcome unknown',
    { failure: { kind: 'network', code: 'ECONNRESET' } },
    { retry: false, reason: 'ECONNRESET after the write was sent', outcomeUnknown: true },
  ],
  [
    'timeout on a read, attempts exhausted',
    { idempotent: true, attempt: 6, failure: { kind: 'network', code: 'ECONNABORTED' } },
    { retry: false, reason: 'ECONNABORTED, attempts exhausted', outcomeUnknown: true },
  ],
];

describe('decideRetry', () => {
  it.each(table)('when %s, then the decision matches', (_name, input, expected) => {
    expect(decideRetry({ ...base, ...input })).toEqual(expected);
  });

  it('when the backoff would exceed the cap, then it stays within maxDelayMs', () => {
    const d = decideRetry({
      ...base,
      idempotent: true,
      attempt: 5,
      random: 0.999,
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 99, maxDelayMs: 2000 },
      failure: { kind: 'status', status: 502 },
    });
    expect(d).toMatchObject({ retry: true });
    expect((d as { delayMs: number }).delayMs).toBeLessThanOrEqual(2000);
  });
});
