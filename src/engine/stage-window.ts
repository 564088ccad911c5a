// A stage's records in flight, sized as it goes (engine/concurrency-window.ts): each record's Intercom calls
// are metered (src/intercom/call-meter.ts), the workspace's rate budget says what it still allows, the live
// heap is read at most every MEMORY_SAMPLE_MS. The pipeline asks window() before each record starts.
import { emptyTally, meterCalls } from '../intercom/call-meter.js';
import {
  createConcurrencyWindow,
  DEFAULT_WINDOW_SETTINGS,
  type WindowSettings,
} from './concurrency-window.js';
import type { StageContext } from './context.js';

const MEMORY_SAMPLE_MS = 100;
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

export function stageWindow(ctx: StageContext, entity: string, max: number | undefined): StageWindow {
  const settings: Partial<WindowSettings> = {
    ...(max ? { max } : {}),
    ...(ctx.deps.memoryCeilingBytes ? { memoryCeilingBytes: ctx.deps.memoryCeilingBytes } : {}),
  };
  const controller = createConcurrencyWindow(settings);
  const pageSize = ctx.deps.pageSize ?? 50;
  const heap = ctx.deps.heapUsed ?? (() => process.memoryUsage().heapUsed);
  let memoryBytes = heap();
  let sampledAt = Date.now();
  let inFlight = 0;
  let current = 1;
  return {
    window() {
      const now = Date.now();
      if (now - sampledAt >= MEMORY_SAMPLE_MS) {
        memoryBytes = heap();
        sampledAt = now;
      }
      current = controller.window({ ratePerSecond: ctx.intercom.remainingPerSecond(), memoryBytes });
      ctx.deps.onWindow?.({ entity, inFlight, window: current });
      return current;
    },
    // Pages are checkpointed in order, so one slow record (a ticket of 600 parts written one by one) holds
    // its page open while later pages finish: read on past it, up to HELD_WINDOWS full windows of records
    // held, unless the heap is past its ceiling (then only what the window needs).
    lookahead: () =>
      memoryBytes >= (ctx.deps.memoryCeilingBytes ?? DEFAULT_WINDOW_SETTINGS.memoryCeilingBytes)
        ? Math.max(2, Math.ceil(current / pageSize) + 1)
        : Math.max(2, Math.ceil((HELD_WINDOWS * (max ?? DEFAULT_WINDOW_SETTINGS.max)) / pageSize)),
    async measure(work) {
      const tally = emptyTally();
      const started = Date.now();
      inFlight += 1;
      try {
        await meterCalls(tally, work);
      } finally {
        inFlight -= 1;
        controller.recordDone({ durationMs: Date.now() - started, ...tally });
      }
    },
  };
}
