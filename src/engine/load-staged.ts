// Loads a run's staged records of one entity: pages in extraction order, a bounded number of records in
// flight, a checkpoint per page (the last staged seq done; a progress sample at most every 10 s). A resumed
// stage starts after the last checkpoint; records after it are loaded again, and the ledger makes that
// harmless.
import { RecordError, SkipError } from '../errors.js';
import type { StageContext } from './context.js';
import { markResult } from './ledger.js';
import { runPagePipeline } from './page-pipeline.js';
import { getRun, saveCursor, seqCheckpoint } from './run-state.js';
import { stagedPages, type StagedRecord } from './staging.js';
import { progressSampler } from './progress.js';
import { stageWindow } from './stage-window.js';

export interface LoadStagedOptions<T> {
  entity: string;
  parse(payload: unknown): T;
  /** Most records in flight (default DEFAULT_WINDOW_SETTINGS.max); the window below it is sized as the
   *  stage goes (stage-window.ts). */
  maxInFlight: number | undefined;
  /** Once per page before its records start (batch look-ups: ledger rows, contacts, comments). */
  preparePage?(records: StagedRecord<T>[]): Promise<void>;
  process(record: StagedRecord<T>): Promise<void>;
  /** After a record failed or was skipped by an error of its own (its children's outcomes, say). */
  recordFailed?(record: StagedRecord<T>, reason: string): Promise<void>;
  /** Once per page inside its checkpoint (batched ledger writes). */
  finishPage?(records: StagedRecord<T>[]): Promise<void>;
  /** The run cursor that keeps the position (default `load:<entity>`); verification keeps its own. */
  checkpointKey?: string;
}

/** Resolves true when every staged record was loaded, false when the run was paused or cancelled first. */
export async function loadStaged<T>(ctx: StageContext, o: LoadStagedOptions<T>): Promise<boolean> {
  const key = o.checkpointKey ?? `load:${o.entity}`;
  const fresh = await getRun(ctx.db, ctx.run.id);
  const from = fresh ? seqCheckpoint(fresh, key) : 0;
  const pageSize = ctx.deps.pageSize ?? 50;
  const prepared = readAhead(stagedPages(ctx.db, ctx.run.id, o.entity, from, pageSize, o.parse), (page) =>
    o.preparePage ? o.preparePage(page.records) : Promise.resolve(),
  );
  const window = stageWindow(ctx, o.entity, o.maxInFlight);
  const sample = progressSampler(ctx.db, ctx.run.id);
  const result = await runPagePipeline<StagedRecord<T>, { records: StagedRecord<T>[]; lastSeq: number }>(
    prepared,
    {
      concurrency: window.window,
      lookahead: window.lookahead,
      process: async (record) => {
        try {
          await window.measure(() => o.process(record));
        } catch (error) {
          // A record's own error (a 4xx on a follow-up call: a tag, a state, an assignment) fails that record
          // and the stage goes on; anything else stops the stage (stage-errors.ts decides what then).
          const outcome = recordOutcome(error);
          if (!outcome) throw error;
          const key = { migrationId: ctx.migration.id, entity: o.entity, sourceId: record.sourceId };
          await markResult(ctx.db, key, ctx.run.id, outcome);
          await o.recordFailed?.(record, outcome.reason);
        }
      },
      checkpoint: async (page) => {
        await o.finishPage?.(page.records);
        await saveCursor(ctx.db, ctx.run.id, key, page.lastSeq);
        if (!o.checkpointKey) await sample();
      },
      shouldStop: () => ctx.shouldStop(),
    },
  );
  return result.completed;
}

/** The ledger outcome of an error that belongs to one record, or null for an error of the stage. */
export function recordOutcome(error: unknown): { status: 'failed' | 'skipped'; reason: string } | null {
  if (error instanceof SkipError) return { status: 'skipped', reason: error.message };
  if (error instanceof RecordError) return { status: 'failed', reason: error.message };
  return null;
}

/**
 * Pages with the next one read and prepared while the current one is worked on, so a page's look-ups (and
 * per-ticket source reads) overlap the previous page's writes instead of pausing them.
 */
export async function* readAhead<P>(
  pages: AsyncIterable<P>,
  prepare: (page: P) => Promise<void>,
): AsyncIterable<P> {
  const it = pages[Symbol.asyncIterator]();
  const fetch = async (): Promise<P | null> => {
    const r = await it.next();
    if (r.done) return null;
    await prepare(r.value);
    return r.value;
  };
  let next = fetch();
  for (;;) {
    const page = await next;
    if (page === null) return;
    next = fetch();
    // Its failure is raised when it is awaited (the next turn); if the consumer stops first, it is dropped.
    next.catch(() => undefined);
    yield page;
  }
}
