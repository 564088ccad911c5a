// Paces calls to stay under a per-window limit (Zendesk's incremental exports: 10 a minute) instead of
// running into 429s: a sliding window of the last `limit` call times.

export interface RateGate {
  /** Resolves when a call may be made now (and records it). */
  take(signal?: AbortSignal): Promise<void>;
  /** How long the next take() would wait, in ms. */
  waitMs(): number;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export function createRateGate(limit: number, windowMs: number, clock: Clock = realClock): RateGate {
  const calls: number[] = [];
  const waitMs = (): number => {
    const now = clock.now();
    while (calls.length > 0 && calls[0]! <= now - windowMs) calls.shift();
    return calls.length < limit ? 0 : calls[0]! + windowMs - now;
  };
  let chain = Promise.resolve();
  return {
    waitMs,
    take(signal) {
      // Serialised, so concurrent callers queue rather than all passing the same check.
      const turn = chain.then(async () => {
        for (let w = waitMs(); w > 0; w = waitMs()) await clock.sleep(w, signal);
        calls.push(clock.now());
      });
      chain = turn.catch(() => undefined);
      return turn;
    },
  };
}
