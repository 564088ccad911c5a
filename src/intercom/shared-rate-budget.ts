// A workspace's rate budget shared by every process that works for it. Intercom counts calls per app on a
// workspace (10,000 a minute, evenly spread over 10-second windows: 1,666 a window) and per workspace across
// apps (25,000 a minute) — developers.intercom.com, rest-api/errors/rate-limiting. The header-steered
// budget of one process (rate-budget.ts) only learns of another process's calls after the fact; here each
// call passes the process's own header-steered budget (which still honours 429s and X-RateLimit-Reset), then
// takes a token leased from a window counted in PostgreSQL (db/repositories/rate-windows.ts), leased a few
// at a time so the database sees one statement per `batch` calls. Same interface: callers see a
// RateBudget.
import { abortableSleep } from '../abortable-sleep.js';
import { createRateBudget, type RateBudget } from './rate-budget.js';

/** A window's lease: `granted` calls of the window that ends at `windowEndsMs` (epoch ms). */
export type LeaseCalls = (want: number) => Promise<{ granted: number; windowEndsMs: number }>;

/** Intercom's per-app limit spread over its 10-second windows (10,000 a minute ÷ 6). */
export const APP_CALLS_PER_WINDOW = 1666;
export const WINDOW_MS = 10_000;
/** Calls leased at once: one statement per this many calls; at most this many idle per process at a window's end. */
export const DEFAULT_LEASE_BATCH = 10;
/** See SharedBudgetOptions.guardMs. */
export const DEFAULT_GUARD_MS = 100;

export interface SharedBudgetOptions {
  lease: LeaseCalls;
  batch?: number;
  /** The process's header-steered budget the calls then pass through (default: a fresh one). */
  inner?: RateBudget;
  /** Spread over the waiters' wake-ups after a spent window, so they do not all lease at once. */
  jitterMs?: number;
  /**
   * A leased call is not started this close to its window's end: it would land in the next one, on top of
   * that window's whole allowance, and be answered 429. It covers the time from taking a token to Intercom
   * counting the call (a busy event loop, the network): 20 ms was too little on a loaded machine (one 429 in
   * test/intercom/shared-budget.test.ts during a CI run); 100 ms is 1 % of Intercom's 10-second window.
   */
  guardMs?: number;
  random?: () => number;
}

export function createSharedRateBudget(o: SharedBudgetOptions): RateBudget {
  const batch = o.batch ?? DEFAULT_LEASE_BATCH;
  const inner = o.inner ?? createRateBudget();
  const jitterMs = o.jitterMs ?? 50;
  const random = o.random ?? Math.random;
  const guardMs = o.guardMs ?? DEFAULT_GUARD_MS;
  let tokens = 0;
  let windowEndsMs = 0;
  /** The window was spent (a lease came back short): no new lease before it ends. */
  let spentUntilMs = 0;
  let leasing: Promise<void> | undefined;
  let waiting = 0;

  // One lease at a time per process: the callers that find no token share its answer.
  const refill = (): Promise<void> =>
    (leasing ??= o
      .lease(batch)
      .then((l) => {
        tokens = l.granted;
        windowEndsMs = l.windowEndsMs - guardMs;
        // Short: the window is spent (or nearly over) for every process; wait for the next one.
        if (l.granted < batch || Date.now() >= windowEndsMs) spentUntilMs = l.windowEndsMs;
      })
      .finally(() => {
        leasing = undefined;
      }));

  async function takeToken(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      if (tokens > 0 && now < windowEndsMs) {
        tokens--;
        return;
      }
      if (now < spentUntilMs)
        await abortableSleep(spentUntilMs - now + Math.round(jitterMs * random()), signal);
      else await refill();
    }
  }

  return {
    async acquire(signal) {
      // The process's own budget first, the shared token last: a token taken is spent at once, in the
      // window it was leased from (not after a wait on this process's budget, in the next one).
      const release = await inner.acquire(signal);
      waiting++;
      try {
        await takeToken(signal);
      } catch (error) {
        release(undefined);
        throw error;
      } finally {
        waiting--;
      }
      return release;
    },
    snapshot() {
      const s = inner.snapshot();
      return { ...s, waiting: s.waiting + waiting };
    },
    // Intercom's X-RateLimit-Remaining already counts every process's calls on the workspace's token, so the
    // process's header-steered budget is the shared pace too.
    remainingPerSecond: (now) => inner.remainingPerSecond(now),
  };
}
