// Works through pages of records with a bounded number of records in flight (so the Intercom rate budget,
// not Ferry, sets the pace; the bound may move: engine/concurrency-window.ts), and checkpoints pages strictly
// in order: a page's checkpoint is committed only when it and every page before it are done, so a resume
// from the last checkpoint never skips a record.
export interface PipelinePage<T> {
  records: T[];
}

export interface PipelineOptions<T, P extends PipelinePage<T>> {
  /** Records in flight at once, across pages; a function is asked again before each record starts, and
   *  every RECHECK_MS while the window is full (it may open without a record finishing: the first answered
   *  calls of a stage measure the latency, engine/concurrency-window.ts). */
  concurrency: number | (() => number);
  /** Pages read ahead of the oldest unfinished one (bounds memory); asked again after each page. */
  lookahead?: number | (() => number);
  process(record: T, page: P): Promise<void>;
  /** Called once per page, in page order, after all its records (and all earlier pages) are done. */
  checkpoint(page: P): Promise<void>;
  /** Checked before each record starts: true stops taking new work (pause, cancel, shutdown). */
  shouldStop?(): boolean;
}

export interface PipelineResult {
  /** False when shouldStop() ended the work early. */
  completed: boolean;
}

const RECHECK_MS = 250;

/** The first of `tasks` to settle, or `ms` passing, whichever comes first (no timer left behind). */
async function firstDoneOrAfter(tasks: Iterable<Promise<void>>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([...tasks, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

interface Tracked<P> {
  page: P;
  remaining: number;
  checkpointed: boolean;
}

export async function runPagePipeline<T, P extends PipelinePage<T>>(
  pages: AsyncIterable<P>,
  options: PipelineOptions<T, P>,
): Promise<PipelineResult> {
  const lookahead = asFunction(options.lookahead ?? 2);
  const concurrency = asFunction(options.concurrency);
  const window: Tracked<P>[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let checkpointChain: Promise<void> = Promise.resolve();
  let stopped = false;

  const commitDonePages = (): void => {
    // Chained so checkpoints run one after another, in order.
    checkpointChain = checkpointChain.then(async () => {
      while (window.length > 0 && window[0]!.remaining === 0 && !window[0]!.checkpointed) {
        const head = window[0]!;
        head.checkpointed = true;
        await options.checkpoint(head.page);
        window.shift();
      }
    });
    checkpointChain.catch((error: unknown) => {
      failure ??= { error };
    });
  };

  const start = (record: T, tracked: Tracked<P>): void => {
    const task = options
      .process(record, tracked.page)
      .then(
        () => {
          tracked.remaining -= 1;
          if (tracked.remaining === 0) commitDonePages();
        },
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const waitForSlot = async (): Promise<void> => {
    while (inFlight.size >= Math.max(1, concurrency()) && failure === null)
      await firstDoneOrAfter(inFlight, RECHECK_MS);
  };

  for await (const page of pages) {
    if (failure !== null) break;
    const tracked: Tracked<P> = { page, remaining: page.records.length, checkpointed: false };
    window.push(tracked);
    if (page.records.length === 0) commitDonePages();
    for (const record of page.records) {
      await waitForSlot();
      if (failure !== null) break;
      if (options.shouldStop?.()) {
        stopped = true;
        break;
      }
      start(record, tracked);
    }
    if (stopped || failure !== null) break;
    // Bound memory: do not read further ahead than `lookahead` unfinished pages.
    while (window.length > lookahead() && inFlight.size > 0 && failure === null) await Promise.race(inFlight);
  }
  await Promise.allSettled([...inFlight]);
  await checkpointChain.catch(() => undefined);
  if (failure !== null) throw (failure as { error: unknown }).error;
  return { completed: !stopped };
}

function asFunction(n: number | (() => number)): () => number {
  return typeof n === 'number' ? () => n : n;
}
