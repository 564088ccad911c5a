// The pacing on X-RateLimit-Remaining (src/sources/freshdesk/pacing.ts): Freshdesk charges refused calls too
// and names no reset time, so near the end of the minute calls go one at a time, and after a 429 none goes
// before its Retry-After.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshdeskPacer } from '../../../src/sources/freshdesk/pacing.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const settled = (p: Promise<unknown>) => {
  const state = { done: false };
  void p.then(() => (state.done = true));
  return state;
};

describe('Freshdesk pacing on X-RateLimit-Remaining', () => {
  it('when Remaining covers the calls in flight, then calls go at once; when it does not, one at a time', async () => {
    const pacer = freshdeskPacer(() => Date.now());
    await pacer.acquire();
    pacer.done(200, { 'x-ratelimit-remaining': '100' });
    await pacer.acquire();
    await pacer.acquire();
    // Two in flight; the last answer said 3 credits remain: a third call (2 credits each) waits.
    pacer.done(200, { 'x-ratelimit-remaining': '3' });
    const third = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(100);
    expect(third.done).toBe(false);
    pacer.done(200, { 'x-ratelimit-remaining': '2' });
    await vi.advanceTimersByTimeAsync(50);
    expect(third.done).toBe(true);
  });

  it('when Freshdesk answers 429 with Retry-After, then no call goes before it has passed', async () => {
    const pacer = freshdeskPacer(() => Date.now());
    await pacer.acquire();
    pacer.done(429, { 'x-ratelimit-remaining': '0', 'retry-after': '2' });
    const next = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(1_900);
    expect(next.done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(next.done).toBe(true);
  });
});
