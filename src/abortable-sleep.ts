// A retry's wait that a pause, a cancel or a shutdown ends at once (rejecting with the signal's reason), for
// every client that waits between attempts (Intercom, Freshdesk).

/** Resolves after `ms`; rejects with the reason when the signal aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    // The listener goes with the timer: a long-lived signal (a stage's) would otherwise keep one per sleep.
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
