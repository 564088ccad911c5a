import { describe, expect, it } from 'vitest';
import { decideRetry, type RetryInput, type RetryPolicy } from '../../../src/sources/shared/retry.js';

const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  jitter: 0.5,
  retryAfterHeaders: ['retry-after'],
  resetHeaders: [{ name: 'ratelimit-reset', kind: 'seconds' }],
  maxWaitMs: 60_000,
};
const NOW = Date.UTC(2026, 0, 1);
const base: RetryInput = { attempt: 1, now: NOW, random: 0 };

describe('decideRetry', () => {
  const table: Array<
    [string, Partial<RetryInput>, ReturnType<typeof decideRetry>['retry'], number | undefined]
  > = [
    ['when a 404 comes back, then it is not retried', { status: 404 }, false, undefined],
    ['when a 401 comes back, then it is not retried', { status: 401 }, false, undefined],
    ['when a 503 comes first, then it waits the base delay', { status: 503 }, true, 100],
    [
      'when a 503 comes a third time, then the delay has doubled twice',
      { status: 503, attempt: 3 },
      true,
      400,
    ],
    [
      'when the backoff would exceed the cap, then the cap holds',
      { status: 500, attempt: 3, random: 0 },
      true,
      400,
    ],
    [
      'when jitter is drawn high, then up to half the delay is added',
      { status: 503, random: 0.99 },
      true,
      150,
    ],
    [
      'when a 429 says Retry-After: 7, then it waits 7 s',
      { status: 429, headers: { 'retry-after': '7' } },
      true,
      7000,
    ],
    [
      'when a 429 gives an HTTP date, then it waits until then',
      { status: 429, headers: { 'retry-after': new Date(NOW + 3000).toUTCString() } },
      true,
      3000,
    ],
    [
      'when a 429 has only ratelimit-reset, then it waits for the reset',
      { status: 429, headers: { 'ratelimit-reset': '12' } },
      true,
      12_000,
    ],
    [
      'when a 500 carries ratelimit-reset, then the reset is ignored (backoff)',
      { status: 500, headers: { 'ratelimit-reset': '50' } },
      true,
      100,
    ],
    [
      'when the server asks for longer than maxWaitMs, then it gives up',
      { status: 429, headers: { 'retry-after': '600' } },
      false,
      undefined,
    ],
    ['when attempts are used up, then it gives up', { status: 503, attempt: 4 }, false, undefined],
    ['when the connection resets, then it is retried', { errorCode: 'ECONNRESET' }, true, 100],
    ['when the host is unknown, then it is not retried', { errorCode: 'ENOTFOUND' }, false, undefined],
  ];
  for (const [name, input, retry, delay] of table) {
    it(name, () => {
      const d = decideRetry(policy, { ...base, ...input });
      expect(d.retry).toBe(retry);
      if (d.retry) expect(d.delayMs).toBe(delay);
    });
  }
});
