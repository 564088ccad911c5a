// One rate-limit budget per Intercom workspace, shared by every caller in the process (DESIGN.md: limits
// are spread over 10-second windows; X-RateLimit-Limit/Remaining/Reset on every authenticated response).
// Steered by those headers, so the calls of other processes on the same workspace count too:
// - within a known window, a call takes one unit of what Intercom last said remains, minus the calls
//   still in flight (the server may not have counted them yet); the estimate only ever goes down;
// - in an unknown window (at start, or once Reset has passed) one probe call goes first and its headers
//   open the window to the others;
// - with nothing left, callers wait until Reset plus a little jitter; a 429 empties the window.

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** Unix seconds at which the current window resets. */
  resetSec: number;
}

export interface RateBudget {
  /** Resolves when the call may go; the returned function must be called with what the response said. */
  acquire(signal?: AbortSignal): Promise<(info: RateLimitInfo | undefined, rateLimited?: boolean) => void>;
  snapshot(): { limit?: number; remaining?: number; resetSec?: number; inFlight: number; waiting: number };
}

export function createRateBudget(
  options: { resetJitterMs?: number; random?: () => number } = {},
): RateBudget {
  const jitterMs = options.resetJitterMs ?? 150;
  const random = options.random ?? Math.random;
  let limit: number | undefined;
  let remaining: number | undefined; // undefined: the current window is unknown
  let resetMs: number | undefined;
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;

  const wakeAll = (): void => {
    for (const w of waiters.splice(0)) w();
  };

  function tryTake(now: number): boolean {
    if (resetMs !== undefined && now >= resetMs) {
      remaining = undefined; // a new window: ask Intercom before spending it
      resetMs = undefined;
    }
    if (remaining === undefined) {
      if (inFlight > 0) return false; // the probe is out; its headers will open the window
      inFlight++;
      return true;
    }
    if (remaining > 0) {
      remaining--;
      inFlight++;
      return true;
    }
    return false;
  }

  function scheduleWake(now: number): void {
    if (timer || resetMs === undefined || remaining === undefined || remaining > 0) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        wakeAll();
      },
      Math.max(0, resetMs - now) + Math.round(jitterMs * random()),
    );
    timer.unref?.();
  }

  function update(info: RateLimitInfo, rateLimited: boolean): void {
    const infoResetMs = info.resetSec * 1000;
    const othersInFlight = Math.max(0, inFlight);
    const estimate = rateLimited ? 0 : Math.max(0, info.remaining - othersInFlight);
    limit = info.limit;
    if (resetMs === undefined || infoResetMs > resetMs) {
      if (infoResetMs <= Date.now() && !rateLimited) return; // a late answer from a window already over
      resetMs = infoResetMs;
      remaining = estimate;
    } else if (infoResetMs === resetMs) {
      remaining = Math.min(remaining ?? estimate, estimate);
    }
  }

  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const now = Date.now();
        if (tryTake(now)) break;
        scheduleWake(now);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      let released = false;
      return (info, rateLimited = false) => {
        if (released) return;
        released = true;
        inFlight--;
        if (info) update(info, rateLimited);
        else if (rateLimited) remaining = 0;
        wakeAll();
      };
    },
    snapshot() {
      return {
        limit,
        remaining,
        resetSec: resetMs === undefined ? undefined : resetMs / 1000,
        inFlight,
        waiting: waiters.length,
      };
    },
  };
}

const budgets = new Map<string, RateBudget>();

/** The process-wide budget of one workspace (key: the workspace id, or whatever identifies its token). */
export function workspaceBudget(key: string): RateBudget {
  let b = budgets.get(key);
  if (!b) {
    b = createRateBudget();
    budgets.set(key, b);
  }
  return b;
}

/** Reads X-RateLimit-* from response headers (axios lower-cases them). */
export function readRateLimit(headers: Record<string, unknown>): RateLimitInfo | undefined {
  const num = (k: string): number => Number(headers[k]);
  const info = {
    limit: num('x-ratelimit-limit'),
    remaining: num('x-ratelimit-remaining'),
    resetSec: num('x-ratelimit-reset'),
  };
  return Object.values(info).every(Number.isFinite) ? info : undefined;
}
