// How many records a stage keeps in flight (pure: measurements in, a number out; no clock, no I/O).
//
// Little's law sizes the window so that the rate budget, not Ferry, binds: a stage that may spend R calls a
// second (what the workspace's budget still allows), whose records make c calls each and are each in service
// W seconds (their wall time minus what they waited for the budget or a retry), completes at most R ÷ c
// records a second, so it needs (R ÷ c) × W records in flight. Sequential calls within a record make W
// ≈ c × latency; parallel ones (tags) make it shorter, and the formula follows without knowing which.
// A headroom factor keeps a few more in flight than the average asks (latency jitters; the budget paces
// anything extra, so too many costs memory only, never a 429).
//
// A congestion cap limits that window, as TCP's congestion window does (additive increase, multiplicative
// decrease): it starts small and, until the first back-off, follows Little's law as soon as one record was
// measured; after a back-off it grows by one per round. It halves when a record met a 429 or a timeout — at
// most once per round of completions, so one burst of 429s from a window's worth of records in flight counts
// once. Why no slow start (doubling per round) before the first 429: the rate budget paces every call, so
// records let in early cannot overrun Intercom, only wait (memory, bounded below); a slow start cost a
// 300-ticket run at 200 ms about 30 s of its 60 (a ticket takes seconds, so a round does too). Nor does it wait
// for the first record: a ticket of 14 calls at 500 ms takes 7 s, a tenth of a 600-ticket stage spent at the
// initial window (0.82 of the limit at 500 ms). As soon as calls are answered, the window opens to Little's
// law at the call level, rate × seconds per call (a record's calls go one after another, so one call in
// flight a record; parallel tag calls only make it larger than needed, which costs memory, never a 429),
// until the first record's measure replaces it. Why AIMD at
// all: a 429 the budget did not foresee means another app spends the workspace; then probe back slowly.
//
// A memory ceiling bounds it all: past the ceiling the window is the minimum (one record), so the pipeline
// starts nothing new until the records in flight finish; nothing is buffered beyond the window.

export interface WindowSettings {
  /** Records in flight before anything was measured (and the congestion cap's start). */
  initial: number;
  min: number;
  /** The most records ever in flight, whatever the measurements say. */
  max: number;
  /** Multiplies Little's law's window (jitter, records of uneven length). */
  headroom: number;
  /** Memory in use (bytes: live heap and buffers) past which no record starts until the ones in flight are done. */
  memoryCeilingBytes: number;
  /** Calls a second assumed before the budget knows anything (Intercom: 10,000 a minute, DESIGN.md). */
  defaultRatePerSecond: number;
  /** Weight of the newest record in the moving averages (0..1]. */
  smoothing: number;
}

export const DEFAULT_WINDOW_SETTINGS: WindowSettings = {
  initial: 4,
  min: 1,
  max: 256,
  headroom: 1.5,
  memoryCeilingBytes: 192 * 2 ** 20,
  defaultRatePerSecond: 10_000 / 60,
  smoothing: 0.1,
};

/** What one record cost (measured by the stage around its work; src/intercom/call-meter.ts). */
export interface RecordMeasure {
  durationMs: number;
  /** Part of durationMs spent waiting for the rate budget or before a retry. */
  waitedMs: number;
  calls: number;
  throttled: number;
  timeouts: number;
}

/** What the world looks like as a record is about to start. */
export interface Conditions {
  /** Calls a second the rate budget still allows (undefined: nothing known yet). */
  ratePerSecond: number | undefined;
  /** Memory in use now (live heap and buffers), bytes. */
  memoryBytes: number;
  /** Seconds an answered call took, measured on records still in flight (before any record finished). */
  callSeconds?: number;
}

export interface WindowSnapshot {
  window: number;
  /** Little's law's window (Infinity before the first record was measured). */
  little: number;
  cap: number;
  callsPerRecord: number | undefined;
  serviceSeconds: number | undefined;
  overMemory: boolean;
  backoffs: number;
}

export interface ConcurrencyWindow {
  recordDone(m: RecordMeasure): void;
  window(c: Conditions): number;
  snapshot(): WindowSnapshot;
}

/** Floor for calls per record: records that call nothing (unchanged ones) must not divide by zero. */
const MIN_CALLS_PER_RECORD = 0.05;
/** Floor for a record's service time: a record is never free. */
const MIN_SERVICE_SECONDS = 0.001;

export function createConcurrencyWindow(partial: Partial<WindowSettings> = {}): ConcurrencyWindow {
  const s = { ...DEFAULT_WINDOW_SETTINGS, ...partial };
  const min = Math.max(1, s.min);
  const max = Math.max(min, s.max);
  let cap = clamp(s.initial, min, max);
  let threshold = max; // slow start until the first back-off
  let callsPerRecord: number | undefined;
  let serviceSeconds: number | undefined;
  let sinceBackoff = Infinity;
  let backoffs = 0;
  let last: WindowSnapshot | undefined;
  let lastRate = s.defaultRatePerSecond;

  const average = (prev: number | undefined, x: number): number =>
    prev === undefined ? x : prev + s.smoothing * (x - prev);

  function littleWindow(rate: number): number {
    if (callsPerRecord === undefined || serviceSeconds === undefined) return Infinity;
    const perRecord = Math.max(MIN_CALLS_PER_RECORD, callsPerRecord);
    return Math.ceil((rate / perRecord) * serviceSeconds * s.headroom);
  }

  return {
    recordDone(m) {
      callsPerRecord = average(callsPerRecord, m.calls);
      const service = Math.max(MIN_SERVICE_SECONDS, (m.durationMs - m.waitedMs) / 1000);
      serviceSeconds = average(serviceSeconds, service);
      sinceBackoff += 1;
      if (m.throttled + m.timeouts > 0) {
        if (sinceBackoff >= cap) {
          threshold = Math.max(min, Math.floor(cap / 2));
          cap = threshold;
          sinceBackoff = 0;
          backoffs += 1;
        }
        return;
      }
      // Grow only while the cap is what limits (a cap far above the need would not react to a 429 in time).
      const limiting = last === undefined || cap < last.little;
      if (!limiting) return;
      const little = backoffs === 0 && last !== undefined ? littleWindow(lastRate) : cap;
      cap = Math.min(
        max,
        Math.max(cap + (cap < threshold ? 1 : 1 / cap), Number.isFinite(little) ? little : 0),
      );
    },
    window(c) {
      lastRate = c.ratePerSecond ?? s.defaultRatePerSecond;
      if (callsPerRecord === undefined && backoffs === 0 && c.callSeconds !== undefined)
        cap = clamp(Math.max(cap, Math.ceil(lastRate * c.callSeconds * s.headroom)), min, max);
      const little = littleWindow(lastRate);
      const overMemory = c.memoryBytes >= s.memoryCeilingBytes;
      const window = overMemory ? min : clamp(Math.min(Math.floor(cap), little), min, max);
      last = { window, little, cap, callsPerRecord, serviceSeconds, overMemory, backoffs };
      return window;
    },
    snapshot() {
      return (
        last ?? {
          window: clamp(Math.floor(cap), min, max),
          little: Infinity,
          cap,
          callsPerRecord,
          serviceSeconds,
          overMemory: false,
          backoffs,
        }
      );
    },
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
