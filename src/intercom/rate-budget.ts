// One rate-limit budget per Intercom workspace, shared by every caller in the process (DESIGN.md: limits
// are spread over 10-second windows; X-RateLimit-Limit/Remaining/Reset on every authenticated response).
// Steered by those headers, so the calls of other processes on the same workspace count too:
// - within a known window, a call takes one unit of what Intercom last said remains, minus the calls
//   still in flight (the server may not have counted them yet); the estimate only ever goes down;
// - in an unknown window (at start, or once Reset has passed) one probe call goes first and its headers
//   open the window to the others;
// - with nothing left, callers wait until Reset plus a little jitter; a 429 empties the window.
// Every wait ends: a 429 that says nothing of when to come back (no X-RateLimit-Reset, no Retry-After)
// closes the window for one window's length (NO_CLOCK_WAIT_MS), a reset further off than MAX_WAIT_MS is
// taken as MAX_WAIT_MS, and a waiter whose signal aborts (a pause, a shutdown) leaves at once.

/** Intercom's windows are 10 seconds long (DESIGN.md): the wait after a 429 that names no time. */
export const NO_CLOCK_WAIT_MS = 10_000;
/** No window is waited on longer than this, whatever a header says (a reset in ms rather than s…). */
export const MAX_WAIT_MS = 60_000;

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** Unix seconds at which the current window resets. */
  resetSec: number;
}

export interface RateBudget {
  /** Resolves when the call may go (rejects with the signal's reason once it aborts); the returned
   *  function must be called with what the response said. */
  acquire(signal?: AbortSignal): Promise<Release>;
  snapshot(): { limit?: number; remaining?: number; resetSec?: number; inFlight: number; waiting: number };
  /** Calls a second the budget still allows: what remains of the window over the time to its reset, at
   *  most the limit spread over a window; the next window's pace once this one is spent; undefined before
   *  Intercom said anything. The engine sizes its records in flight from it (engine/concurrency-window.ts). */
  remainingPerSecond(nowMs?: number): number | undefined;
}

/** What a response said: its X-RateLimit-* headers; whether it was a 429; its Retry-After, in ms. */
export type Release = (info: RateLimitInfo | undefined, rateLimited?: boolean, retryAfterMs?: number) => void;

export function createRateBudget(
  options: { resetJitterMs?: number; random?: () => number; noClockWaitMs?: number } = {},
): RateBudget {
  const jitterMs = options.resetJitterMs ?? 150;
  const noClockWaitMs = options.noClockWaitMs ?? NO_CLOCK_WAIT_MS;
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
    const infoResetMs = Math.min(info.resetSec * 1000, Date.now() + MAX_WAIT_MS);
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

  /** A 429: nothing more until Retry-After, the headers' reset, or else one window from now. */
  function closeWindow(info: RateLimitInfo | undefined, retryAfterMs: number | undefined): void {
    if (info) update(info, true);
    const now = Date.now();
    const wait = retryAfterMs ?? (info ? 0 : noClockWaitMs);
    const until = now + Math.min(MAX_WAIT_MS, Math.max(0, wait));
    remaining = 0;
    if (resetMs === undefined || resetMs < until) resetMs = until;
  }

  /** Until the next wake-up, or the signal's abort (then the waiter is gone from the list). */
  function waitTurn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const i = waiters.indexOf(wake);
        if (i >= 0) waiters.splice(i, 1);
        reject(signal?.reason);
      };
      waiters.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const now = Date.now();
        if (tryTake(now)) break;
        scheduleWake(now);
        await waitTurn(signal);
      }
      let released = false;
      return (info, rateLimited = false, retryAfterMs) => {
        if (released) return;
        released = true;
        inFlight--;
        if (rateLimited) closeWindow(info, retryAfterMs);
        else if (info) update(info, false);
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
    remainingPerSecond(now = Date.now()) {
      if (limit === undefined) return undefined;
      const pace = limit / (NO_CLOCK_WAIT_MS / 1000);
      if (remaining === undefined || resetMs === undefined || now >= resetMs || remaining <= 0) return pace;
      return Math.min(pace, remaining / Math.max(1, (resetMs - now) / 1000));
    },
  };
}

/** The process-wide budget of one workspace (key: the workspace id, or whatever identifies its token). */
export const workspaceBudget: (key: string) => RateBudget = budgetRegistry(() => createRateBudget());

/** Retry-After in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unusable. */
export function readRetryAfter(headers: Record<string, unknown>, nowMs = Date.now()): number | undefined {
  const raw = headers['retry-after'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const seconds = Number(raw);
  if (String(raw).trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(String(raw));
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
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

/** One budget per key for the whole process, made by `make` on first use (see shared-rate-budget.ts). */
export function budgetRegistry(make: (key: string) => RateBudget): (key: string) => RateBudget {
  const made = new Map<string, RateBudget>();
  return (key) => {
    let b = made.get(key);
    if (!b) {
      b = make(key);
      made.set(key, b);
    }
    return b;
  };
}
