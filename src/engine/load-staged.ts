// Loads a run's staged records of one entity: pages in extraction order, a bounded number of records in
// flight, a checkpoint per page (the last staged seq done, plus a progress sample). A resumed stage starts
// after the last checkpoint; records after it are loaded again, and the ledger makes that harmless.
import type { StageContext } from './context.js';
import { runPagePipeline } from './page-pipeline.js';
import { getRun, saveCursor, seqCheckpoint } from './run-state.js';
import { stagedPages, type StagedRecord } from './staging.js';
import { sampleProgress } from './progress.js';

export interface LoadStagedOptions<T> {
  entity: string;
  parse(payload: unknown): T;
  concurrency: number;
  /** Once per page before its records start (batch look-ups: ledger rows, contacts, comments). */
  preparePage?(records: StagedRecord<T>[]): Promise<void>;
  process(record: StagedRecord<T>): Promise<void>;
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
  const result = await runPagePipeline<StagedRecord<T>, { records: StagedRecord<T>[]; lastSeq: number }>(
    prepared,
    {
      concurrency: o.concurrency,
      process: (record) => o.process(record),
      checkpoint: async (page) => {
        await o.finishPage?.(page.records);
        await saveCursor(ctx.db, ctx.run.id, key, page.lastSeq);
        if (!o.checkpointKey) await sampleProgress(ctx.db, ctx.run.id);
      },
      shouldStop: () => ctx.shouldStop(),
    },
  );
  return result.completed;
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
