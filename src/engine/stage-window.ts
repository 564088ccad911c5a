// A stage's records in flight, sized as it goes (engine/concurrency-window.ts): each record's Intercom calls
// are metered (src/intercom/call-meter.ts), the workspace's rate budget says what it still allows, the memory
// in use (live heap and buffers) is read at most every MEMORY_SAMPLE_MS. The pipeline asks window() before
// each record starts.
import { getHeapStatistics } from 'node:v8';
import { emptyTally, meterCalls, type CallTally } from '../intercom/call-meter.js';
import {
  createConcurrencyWindow,
  DEFAULT_WINDOW_SETTINGS,
  type WindowSettings,
} from './concurrency-window.js';
import type { StageContext } from './context.js';

const MEMORY_SAMPLE_MS = 100;

/** The live heap plus ArrayBuffers: attachments are held as Buffers outside V8's heap between their download
 *  and their write (engine/attachment-resolver.ts), so a window of tickets with files grows RSS with no trace
 *  on the heap (seen in the scale bench: 80 MB of ArrayBuffers at the tickets stage's start). */
export function memoryInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Share of V8's heap limit the window may fill before it narrows: garbage and the young generation need
 *  the rest, and a process that reaches its limit dies mid-record. */
const HEAP_LIMIT_SHARE = 0.6;

/** The memory ceiling when none is set: 192 MB, or less in a process started with a smaller heap (the
 *  Dockerfile's NODE_OPTIONS=--max-old-space-size=160, which keeps a worker's RSS under 300 MB: V8 otherwise
 *  lets garbage grow its heap to several times what is live), so the window narrows before V8 runs out. */
export function defaultMemoryCeiling(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.min(DEFAULT_WINDOW_SETTINGS.memoryCeilingBytes, Math.floor(HEAP_LIMIT_SHARE * heapLimitBytes));
}

const HELD_WINDOWS = 4;

/** What a stage reports as a record starts (the bench's in-flight figures). */
export interface WindowSample {
  entity: string;
  inFlight: number;
  window: number;
}

export interface StageWindow {
  /** Records allowed in flight now. */
  window(): number;
  /** Pages to read ahead so that a full window finds records waiting. */
  lookahead(): number;
  /** Runs one record's work, measuring what it cost. */
  measure(work: () => Promise<void>): Promise<void>;
}

/** What a window reads of its stage: the memory settings and the budget's rate. */
export interface WindowContext {
  deps: Pick<StageContext['deps'], 'memoryCeilingBytes' | 'memoryUsed' | 'onWindow' | 'pageSize'>;
  intercom: Pick<StageContext['intercom'], 'remainingPerSecond'>;
}

export function stageWindow(ctx: WindowContext, entity: string, max: number | undefined): StageWindow {
  const ceiling = ctx.deps.memoryCeilingBytes ?? defaultMemoryCeiling();
  const settings: Partial<WindowSettings> = { ...(max ? { max } : {}), memoryCeilingBytes: ceiling };
  const controller = createConcurrencyWindow(settings);
  const pageSize = ctx.deps.pageSize ?? 50;
  const memoryUsed = ctx.deps.memoryUsed ?? memoryInUse;
  let memoryBytes = memoryUsed();
  let sampledAt = Date.now();
  let inFlight = 0;
  let current = 1;
  let finished = 0;
  // The tallies of records in flight: before any record finished, their answered calls tell what a call costs.
  const running = new Set<CallTally>();
  const callSeconds = (): number | undefined => {
    if (finished > 0) return undefined;
    let calls = 0;
    let ms = 0;
    for (const t of running) {
      calls += t.calls;
      ms += t.serviceMs;
    }
    return calls > 0 ? ms / calls / 1000 : undefined;
  };
  return {
    window() {
      const now = Date.now();
      if (now - sampledAt >= MEMORY_SAMPLE_MS) {
        memoryBytes = memoryUsed();
        sampledAt = now;
      }
      current = controller.window({
        ratePerSecond: ctx.intercom.remainingPerSecond(),
        memoryBytes,
        callSeconds: callSeconds(),
      });
      ctx.deps.onWindow?.({ entity, inFlight, window: current });
      return current;
    },
    // Pages are checkpointed in order, so one slow record (a ticket of 600 parts written one by one) holds
    // its page open while later pages finish: read on past it, up to HELD_WINDOWS full windows of records
    // held, unless the heap is past its ceiling (then only what the window needs).
    lookahead: () =>
      memoryBytes >= ceiling
        ? Math.max(2, Math.ceil(current / pageSize) + 1)
        : Math.max(2, Math.ceil((HELD_WINDOWS * (max ?? DEFAULT_WINDOW_SETTINGS.max)) / pageSize)),
    async measure(work) {
      const tally = emptyTally();
      const started = Date.now();
      inFlight += 1;
      running.add(tally);
      try {
        await meterCalls(tally, work);
      } finally {
        inFlight -= 1;
        running.delete(tally);
        finished += 1;
        controller.recordDone({ durationMs: Date.now() - started, ...tally });
      }
    },
  };
}
