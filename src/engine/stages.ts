// Runs one stage of a run with its context (connector, Intercom client, stop checks) and says whether it
// finished. The job tasks (src/jobs/tasks/) call this and move the run on.
import { setMaxListeners } from 'node:events';
import { MAX_WAITING_CALLS } from '../intercom/http.js';
import { runCompaniesStage } from './load-companies.js';
import { runContactsStage } from './load-contacts.js';
import { runTicketsStage } from './load-tickets.js';
import { runArticlesStage } from './load-articles.js';
import { runFinaliseStage } from './finalise.js';
import { runVerifyStage } from './verify.js';
import { planOf, runPlanStage } from './plan.js';
import { startCommentFeed } from './comment-feed.js';
import { runReferenceStage } from './reference-data.js';
import { getMigration, settingsOf, type EngineDeps, type StageContext } from './context.js';
import { getRun, type RunRow, type RunStage } from './run-state.js';
import type { Logger } from '../logger.js';
import { StoppedError } from '../errors.js';

/** How often a running stage re-reads its run's status (pause and cancel take effect within this). */
const STATUS_POLL_MS = 500;

export async function withStageContext<T>(
  deps: EngineDeps,
  run: RunRow,
  signal: AbortSignal,
  logger: Logger,
  body: (ctx: StageContext) => Promise<T>,
  /** From then on (epoch ms) the stage stops between records, as at a pause: its time slice is over. */
  yieldAtMs = Infinity,
): Promise<T> {
  const migration = await getMigration(deps.db, run.migration_id);
  if (!migration) throw new Error(`migration ${run.migration_id} of run ${run.id} is gone`);
  // Ends the Intercom client's waits (rate budget, retries) at a shutdown, a lost lease, a pause or a
  // cancel, so no record sits for ever behind a rate limit; calls already sent still finish.
  const stop = new AbortController();
  // Every record in flight may wait on the stage's signal (a source's pacing, a retry's sleep): a window of
  // records means many listeners, not a leak.
  setMaxListeners(MAX_WAITING_CALLS, signal);
  const onAbort = (): void => stop.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const [connector, intercom] = await Promise.all([
    deps.connectorFor(migration),
    deps.intercomFor(migration).then((client) => client.withSignal(stop.signal)),
  ]);
  let status = run.status;
  const poll = setInterval(() => {
    getRun(deps.db, run.id).then(
      (r) => {
        if (r) status = r.status;
        if (status !== 'running' && !stop.signal.aborted)
          stop.abort(new StoppedError(`run ${run.id} is ${status}`));
      },
      () => undefined,
    );
  }, STATUS_POLL_MS);
  poll.unref();
  // The job ends here and its stage runs again: a slice used up, or the worker shutting down.
  const sliceOver = (): boolean => signal.aborted || Date.now() >= yieldAtMs;
  try {
    return await body({
      deps,
      db: deps.db,
      logger,
      run,
      migration,
      platform: migration.source_platform,
      settings: settingsOf(migration),
      connector,
      intercom,
      signal,
      write: {
        db: deps.db,
        runId: run.id,
        crashHook: deps.crashHook,
        unknownOutcomeLooksMs: deps.unknownOutcomeLooksMs,
        searchSettleMs: deps.searchSettleMs,
      },
      shouldStop: () => sliceOver() || status !== 'running',
      sliceOver,
    });
  } finally {
    clearInterval(poll);
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Stages before the tickets write to Intercom mostly (the articles stage reads its images from the source
 * too) and leave the source idle: the tickets' per-ticket comment feed reads ahead beside them (it resumes
 * from its checkpoint in the next stage). Not Zendesk's streamed export: its 10 calls a minute are too dear
 * to lose one to the abort at the stage's end.
 */
async function withCommentFeed(
  ctx: StageContext,
  stage: (ctx: StageContext) => Promise<boolean>,
): Promise<boolean> {
  const feed = planOf(ctx).commentsMode === 'per-ticket' ? startCommentFeed(ctx) : null;
  try {
    return await stage(ctx);
  } finally {
    await feed?.close();
  }
}

/** Resolves true when the stage finished, false when it stopped early (pause, cancel, shutdown). */
export async function executeStage(ctx: StageContext, stage: RunStage): Promise<boolean> {
  switch (stage) {
    case 'plan':
      return runPlanStage(ctx);
    case 'reference':
      await runReferenceStage(ctx);
      return true;
    case 'companies':
      return withCommentFeed(ctx, runCompaniesStage);
    case 'contacts':
      return withCommentFeed(ctx, runContactsStage);
    case 'articles':
      return withCommentFeed(ctx, runArticlesStage);
    case 'tickets':
      return runTicketsStage(ctx);
    case 'verify':
      return runVerifyStage(ctx);
    case 'finalise':
      await runFinaliseStage(ctx);
      return true;
  }
}
