import { describe, expect, it } from 'vitest';
import { createRateGate, type Clock } from '../../../src/sources/shared/rate-gate.js';

function fakeClock(): Clock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

describe('rate gate', () => {
  it('when 10 calls a minute are allowed, then the 11th waits for the first to leave the window', async () => {
    const clock = fakeClock();
    const gate = createRateGate(10, 60_000, clock);
    for (let i = 0; i < 10; i++) await gate.take();
    expect(clock.slept).toEqual([]);
    expect(gate.waitMs()).toBe(60_000);
    await gate.take();
    expect(clock.slept).toEqual([60_000]);
  });

  it('when callers take concurrently, then they queue rather than all passing', async () => {
    const clock = fakeClock();
    const gate = createRateGate(2, 1000, clock);
    await Promise.all([gate.take(), gate.take(), gate.take(), gate.take()]);
    expect(clock.now()).toBe(1000);
  });
});
