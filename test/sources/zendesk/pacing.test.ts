// Zendesk's pacing on its rate-limit headers (src/sources/zendesk/pacing.ts, the shared pacer in
// src/sources/shared/remaining-pacer.ts): the comment reads, 8 in flight, slow down near the end of the
// window and wait for its reset instead of meeting the 429.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readZendeskRate, zendeskPacer } from '../../../src/sources/zendesk/pacing.js';
import { uniformLatency } from '../../../src/sandbox/latency.js';
import { readAll, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.close();
  h = undefined;
});

const settled = (p: Promise<unknown>) => {
  const state = { done: false };
  void p.then(() => (state.done = true));
  return state;
};

describe('Zendesk pacing on the rate-limit headers', () => {
  it('when the account limit is small, then reading N tickets’ comments meets fewer than 1 % 429s', async () => {
    const tickets = 240;
    const limit = 40;
    h = await startHarness({
      tickets,
      emulator: { rateLimitPerMinute: limit, rateWindowMs: 1000, latency: uniformLatency(10, 5) },
    });
    const account = h.account;
    const ids = Array.from({ length: tickets }, (_, i) => account.ticket(i))
      .filter((t) => t.status !== 'deleted')
      .map((t) => t.id);
    const started = Date.now();
    const read = await readAll(h.connector.readComments(ids));
    const seconds = (Date.now() - started) / 1000;
    expect(read.map((c) => c.ticketId)).toEqual(ids);
    const { calls, rateLimited } = h.emulator.stats;
    expect(rateLimited / calls).toBeLessThan(0.01);
    // Still near the limit, not crawling: the windows a read of this size needs, with room for a slow machine.
    expect(seconds).toBeLessThan(3 * (ids.length / limit));
  });

  it('when the headers are absent or garbled, then calls are not held back and nothing throws', async () => {
    expect(
      readZendeskRate({ 'ratelimit-remaining': 'lots', 'ratelimit-reset': '-3', 'retry-after': '' }),
    ).toEqual({});
    const pacer = zendeskPacer();
    for (let i = 0; i < 20; i++) {
      await pacer.acquire();
      pacer.done(200, i % 2 ? {} : { 'x-rate-limit-remaining': 'n/a' });
    }
    for (let i = 0; i < 20; i++) await pacer.acquire();
  });

  it('when nothing remains in the window and its reset is named, then no call goes before the reset', async () => {
    vi.useFakeTimers();
    const pacer = zendeskPacer();
    await pacer.acquire();
    pacer.done(200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '3' });
    const next = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(2_900);
    expect(next.done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(next.done).toBe(true);
  });

  it('when only the older X-Rate-Limit-Remaining is sent, then a call the count does not cover waits for the calls in flight, then goes alone', async () => {
    vi.useFakeTimers();
    const pacer = zendeskPacer();
    await pacer.acquire();
    pacer.done(200, { 'x-rate-limit-remaining': '2' });
    await pacer.acquire();
    await pacer.acquire();
    const third = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(100);
    expect(third.done).toBe(false);
    pacer.done(200, { 'x-rate-limit-remaining': '1' });
    await vi.advanceTimersByTimeAsync(100);
    expect(third.done).toBe(false);
    // Nothing in flight and no reset named: one call goes alone (it finds the new window or the 429).
    pacer.done(200, { 'x-rate-limit-remaining': '0' });
    await vi.advanceTimersByTimeAsync(50);
    expect(third.done).toBe(true);
  });

  it('when an answer arrives late with a larger count of the same window, then the smaller count stands', async () => {
    vi.useFakeTimers();
    const pacer = zendeskPacer();
    await pacer.acquire();
    await pacer.acquire();
    pacer.done(200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '5' });
    pacer.done(200, { 'ratelimit-remaining': '1', 'ratelimit-reset': '5' });
    const next = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(4_000);
    expect(next.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(next.done).toBe(true);
  });

  it('when Zendesk answers 429 with Retry-After, then no call goes before it has passed', async () => {
    vi.useFakeTimers();
    const pacer = zendeskPacer();
    await pacer.acquire();
    pacer.done(429, { 'retry-after': '2' });
    const next = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(1_900);
    expect(next.done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(next.done).toBe(true);
  });

  it('when a 429 says Retry-After 0 while an earlier answer named a window ending later, then one call goes at once', async () => {
    vi.useFakeTimers();
    const pacer = zendeskPacer();
    await pacer.acquire();
    pacer.done(200, { 'ratelimit-remaining': '5', 'ratelimit-reset': '60' });
    await pacer.acquire();
    pacer.done(429, { 'retry-after': '0' });
    const next = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(50);
    expect(next.done).toBe(true);
    // That call goes alone: the next waits for its answer.
    const after = settled(pacer.acquire());
    await vi.advanceTimersByTimeAsync(100);
    expect(after.done).toBe(false);
    pacer.done(200, { 'ratelimit-remaining': '9', 'ratelimit-reset': '60' });
    await vi.advanceTimersByTimeAsync(50);
    expect(after.done).toBe(true);
  });
});
