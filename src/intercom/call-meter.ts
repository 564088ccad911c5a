// What one unit of work (a record being loaded or verified) spent on Intercom: its calls, the time it waited
// for the rate budget or a retry, its 429s and timeouts. The engine measures each record with meterCalls();
// the HTTP layer adds every call to the tally of the record it runs for (AsyncLocalStorage follows the
// awaits, parallel tag calls included), so no signature between the two has to carry it.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallTally {
  calls: number;
  /** Time spent waiting for the rate budget or before a retry, summed over the calls (ms). */
  waitedMs: number;
  /** Time from sending each call to its answer, summed (ms): what a call costs while the record still runs. */
  serviceMs: number;
  /** Answers 429. */
  throttled: number;
  /** Calls that ended without an answer (timeouts, dropped connections). */
  timeouts: number;
}

const current = new AsyncLocalStorage<CallTally>();

export function emptyTally(): CallTally {
  return { calls: 0, waitedMs: 0, serviceMs: 0, throttled: 0, timeouts: 0 };
}

/** Runs `work`, adding the Intercom calls it makes to `tally`. */
export function meterCalls<T>(tally: CallTally, work: () => Promise<T>): Promise<T> {
  return current.run(tally, work);
}

/** Called by the HTTP layer for each attempt; a no-op outside meterCalls. */
export function noteCall(o: {
  waitedMs: number;
  serviceMs: number;
  throttled?: boolean;
  timedOut?: boolean;
}): void {
  const t = current.getStore();
  if (!t) return;
  t.calls += 1;
  t.waitedMs += o.waitedMs;
  t.serviceMs += o.serviceMs;
  if (o.throttled) t.throttled += 1;
  if (o.timedOut) t.timeouts += 1;
}

/** A retry's sleep is waiting too, not the service time of the call. */
export function noteWait(ms: number): void {
  const t = current.getStore();
  if (t) t.waitedMs += ms;
}
