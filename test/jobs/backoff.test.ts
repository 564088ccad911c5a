import { describe, expect, it } from 'vitest';
import { ConfigurationError, RecordError, RetryableError } from '../../src/errors.js';
import { backoffDelayMs, decideFailure, type BackoffPolicy } from '../../src/jobs/runner/backoff.js';

const policy: BackoffPolicy = { baseMs: 1000, capMs: 10_000, jitter: 0 };
const noJitter = () => 0;

describe('backoff', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [30, 10_000],
  ])('when attempt %i failed, then the next run waits %i ms (doubling, capped)', (attempt, expected) => {
    expect(backoffDelayMs(attempt, policy, noJitter)).toBe(expected);
  });

  it('when jitter is set, then delays shrink by at most that fraction and never exceed the cap', () => {
    const jittery = { ...policy, jitter: 0.2 };
    expect(backoffDelayMs(20, jittery, () => 0.999)).toBeGreaterThanOrEqual(8000);
    expect(backoffDelayMs(20, jittery, () => 0)).toBe(10_000);
  });

  it('when an unexpected error is thrown with attempts left, then the job is retried', () => {
    expect(decideFailure(new Error('socket hang up'), 2, 5, policy, noJitter)).toEqual({
      kind: 'retry',
      delayMs: 2000,
    });
  });

  it('when the last attempt fails, then the job fails for good and says how many attempts it had', () => {
    const d = decideFailure(new Error('boom'), 5, 5, policy, noJitter);
    expect(d).toEqual({ kind: 'fail', reason: 'boom (gave up after 5 attempts)' });
  });

  it('when a RetryableError asks for a longer wait than the backoff, then its Retry-After wins', () => {
    expect(decideFailure(new RetryableError('429', 60_000), 1, 5, policy, noJitter)).toEqual({
      kind: 'retry',
      delayMs: 60_000,
    });
  });

  it.each([new ConfigurationError('token revoked', 'intercom'), new RecordError('bad ticket', '42')])(
    'when a non-retryable Ferry error (%s) is thrown, then the job fails at once',
    (err) => {
      const d = decideFailure(err, 1, 10, policy, noJitter);
      expect(d.kind).toBe('fail');
      expect(d.kind === 'fail' && d.reason).toContain('not retried');
    },
  );
});
