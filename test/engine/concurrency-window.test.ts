import { describe, expect, it } from 'vitest';
import { createConcurrencyWindow, type RecordMeasure } from '../../src/engine/concurrency-window.js';

// A ticket of 10 sequential calls at 500 ms each: 5 s in service.
const slowTicket: RecordMeasure = { durationMs: 5_000, waitedMs: 0, calls: 10, throttled: 0, timeouts: 0 };
const throttled: RecordMeasure = { ...slowTicket, throttled: 1 };
const roomy = { ratePerSecond: 100, memoryBytes: 0 };

/** Completes records one by one, asking for the window before each (as the pipeline does). */
function drive(w: ReturnType<typeof createConcurrencyWindow>, n: number, m: RecordMeasure, c = roomy) {
  const seen: number[] = [];
  for (let i = 0; i < n; i++) {
    seen.push(w.window(c));
    w.recordDone(m);
  }
  return seen;
}

describe('the records-in-flight window', () => {
  it('when nothing was measured yet, then it starts small', () => {
    const w = createConcurrencyWindow({ initial: 4 });
    expect(w.window(roomy)).toBe(4);
  });

  it("when answers are slow, then it goes to what Little's law says the budget needs after one record, and no further", () => {
    const w = createConcurrencyWindow({ initial: 4, headroom: 1.5, max: 1000 });
    const seen = drive(w, 200, slowTicket);
    // 100 calls/s ÷ 10 calls per ticket × 5 s per ticket × 1.5 = 75 tickets in flight.
    expect(seen.at(-1)).toBe(75);
    expect(Math.max(...seen)).toBe(75);
    // No slow start before a 429: the first record's measure is enough (a round of seconds-long tickets
    // each doubling would take tens of seconds), and it never shrinks on the way.
    expect(seen.slice(0, 2)).toEqual([4, 75]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
  });

  it('when answers are fast, then a small window already keeps the budget busy', () => {
    const w = createConcurrencyWindow({ initial: 4, headroom: 1.5 });
    const fast: RecordMeasure = { ...slowTicket, durationMs: 50 };
    drive(w, 100, fast);
    // 100 ÷ 10 × 0.05 × 1.5 = 0.75 → one record; the window never falls below the minimum.
    expect(w.window(roomy)).toBe(1);
  });

  it('when the budget allows less (another process spends the workspace), then the window shrinks with it', () => {
    const w = createConcurrencyWindow({ initial: 4, headroom: 1.5 });
    drive(w, 200, slowTicket);
    expect(w.window(roomy)).toBe(75);
    expect(w.window({ ratePerSecond: 40, memoryBytes: 0 })).toBe(30);
  });

  it('when time went to waiting for the budget, then that time does not count as service', () => {
    const w = createConcurrencyWindow({ initial: 4, headroom: 1.5 });
    drive(w, 200, { ...slowTicket, durationMs: 9_000, waitedMs: 4_000 });
    expect(w.window(roomy)).toBe(75);
  });

  it('when records meet 429s, then the window halves once per round and climbs back additively', () => {
    const w = createConcurrencyWindow({ initial: 4, headroom: 1.5 });
    drive(w, 200, slowTicket);
    expect(w.window(roomy)).toBe(75);
    // A burst: every record of the round in flight comes back throttled; one halving, not 75.
    drive(w, 20, throttled);
    expect(w.snapshot().backoffs).toBe(1);
    expect(w.window(roomy)).toBe(37);
    // 429s a round (the window's 37 completions) after the first halving halve it again.
    drive(w, 18, throttled);
    expect(w.window(roomy)).toBe(18);
    expect(w.snapshot().backoffs).toBe(2);
    // Then clean records: one more per round (about 1/window per record), no slow start any more.
    const after = drive(w, 19, slowTicket);
    expect(after.at(-1)).toBeGreaterThanOrEqual(18);
    expect(after.at(-1)).toBeLessThanOrEqual(19);
    drive(w, 400, slowTicket);
    expect(w.window(roomy)).toBeGreaterThan(30);
    expect(w.window(roomy)).toBeLessThanOrEqual(75);
  });

  it('when calls time out, then it backs off as on a 429', () => {
    const w = createConcurrencyWindow({ initial: 4 });
    drive(w, 200, slowTicket);
    const before = w.window(roomy);
    w.recordDone({ ...slowTicket, timeouts: 1 });
    expect(w.window(roomy)).toBe(Math.floor(before / 2));
  });

  it('when the live heap is past the ceiling, then one record at a time, and the window comes back below it', () => {
    const w = createConcurrencyWindow({ initial: 4, memoryCeilingBytes: 100 });
    drive(w, 200, slowTicket);
    expect(w.window({ ratePerSecond: 100, memoryBytes: 100 })).toBe(1);
    expect(w.snapshot().overMemory).toBe(true);
    expect(w.window({ ratePerSecond: 100, memoryBytes: 99 })).toBe(75);
  });

  it('when the measurements ask for more than the maximum, then the maximum', () => {
    const w = createConcurrencyWindow({ initial: 4, max: 20 });
    drive(w, 200, slowTicket);
    expect(w.window(roomy)).toBe(20);
  });

  it('when records call nothing (unchanged on a rerun), then the window is not a division by zero', () => {
    const w = createConcurrencyWindow({ initial: 4, max: 64 });
    drive(w, 200, { durationMs: 2, waitedMs: 0, calls: 0, throttled: 0, timeouts: 0 });
    expect(w.window(roomy)).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(w.window(roomy))).toBe(true);
  });

  it('when calls were answered but no record has finished, then it opens to rate × seconds a call, before the first record', () => {
    const w = createConcurrencyWindow({ initial: 4, headroom: 1.5, max: 1000 });
    // 100 calls/s × 0.5 s a call × 1.5: 75 records, one call in flight each.
    expect(w.window({ ...roomy, callSeconds: 0.5 })).toBe(75);
    // The first record's measure then decides: fast records need few.
    w.recordDone({ ...slowTicket, durationMs: 50 });
    expect(w.window({ ...roomy, callSeconds: 0.5 })).toBe(1);
  });

  it('when the window has backed off on a 429, then early call measures do not reopen it', () => {
    const w = createConcurrencyWindow({ initial: 4, headroom: 1.5, max: 1000 });
    w.recordDone(throttled);
    const after = w.window(roomy);
    expect(w.window({ ...roomy, callSeconds: 0.5 })).toBe(after);
  });
});
