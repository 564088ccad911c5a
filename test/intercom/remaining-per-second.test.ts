import { describe, expect, it } from 'vitest';
import { createRateBudget } from '../../src/intercom/rate-budget.js';

/** One call through the budget whose answer said `remaining` of 1,000 are left until `resetSec`. */
async function answered(budget: ReturnType<typeof createRateBudget>, remaining: number, resetSec: number) {
  const release = await budget.acquire();
  release({ limit: 1000, remaining, resetSec });
}

describe('what the rate budget still allows, in calls a second', () => {
  it('when Intercom has said nothing yet, then it is unknown', () => {
    expect(createRateBudget().remainingPerSecond()).toBeUndefined();
  });

  it('when the window is being spent, then it is what remains over the time to the reset, at most the pace of the limit', async () => {
    const now = Date.now();
    const resetSec = Math.ceil(now / 1000) + 5;
    const budget = createRateBudget();
    await answered(budget, 200, resetSec);
    const toReset = (resetSec * 1000 - now) / 1000;
    expect(budget.remainingPerSecond(now)).toBeCloseTo(200 / toReset, 5);
    // Another process spent the workspace faster: less remains, so less is allowed.
    await answered(budget, 50, resetSec);
    expect(budget.remainingPerSecond(now)).toBeCloseTo(50 / toReset, 5);
    // Much left and little time: never more than 1,000 per 10-second window's pace.
    const fresh = createRateBudget();
    await answered(fresh, 990, resetSec);
    expect(fresh.remainingPerSecond(now)).toBe(100);
  });

  it('when the window is spent or over, then the next window’s pace', async () => {
    const now = Date.now();
    const resetSec = Math.ceil(now / 1000) + 5;
    const budget = createRateBudget();
    await answered(budget, 0, resetSec);
    expect(budget.remainingPerSecond(now)).toBe(100);
    expect(budget.remainingPerSecond(resetSec * 1000 + 1)).toBe(100);
  });
});
