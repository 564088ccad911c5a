// The run pipeline as jobs: one job per stage (plan → reference → companies → contacts → articles → tickets → verify
// → finalise), each enqueued in the transaction that moves the run to its stage. A stage resumes from its
// checkpoints when its job runs again (a retry, a crashed worker's job picked up, a resume, or the job it
// queued when its time slice ended: EngineDeps.stageSliceMs). Every job is
// flagged with its migration, so a worker serving one migration only (`ferry migrate`) never fetches another's.
import type { Knex } from 'knex';
import { z } from 'zod';
import type { EngineDeps } from '../../engine/context.js';
import { executeStage, withStageContext } from '../../engine/stages.js';
import { stageErrorOutcome } from '../../engine/stage-errors.js';
import {
  RUN_STAGES,
  failRun,
  getRun,
  nextStage,
  pauseWithReason,
  recordError,
  type RunRow,
  type RunStage,
} from '../../engine/run-state.js';
import { keepOutcomes } from '../../engine/run-outcomes.js';
import { RetryableError, StoppedError } from '../../errors.js';
import { defineTask, enqueue } from '../runner/index.js';

const payloadSchema = z.object({ runId: z.string().uuid(), stage: z.enum(RUN_STAGES) });

let engine: EngineDeps | null = null;

/** Gives the stage tasks their dependencies (main.ts, the CLI and tests call this before the runner starts). */
export function configureRunTasks(deps: EngineDeps): void {
  engine = deps;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const runStageTask = defineTask(
  'run.stage',
  payloadSchema,
  async ({ runId, stage }, helpers) => {
    const deps = engine;
    if (!deps) throw new Error('run tasks are not configured: call configureRunTasks(deps) first');
    const run = await getRun(deps.db, runId);
    // Paused, cancelled or finished meanwhile, or a stale job of an earlier stage: nothing to do.
    if (!run || run.status !== 'running' || run.stage !== stage) return;
    const logger = helpers.logger.child({ run: runId, stage });
    const started = Date.now();
    const yieldAtMs = deps.stageSliceMs === undefined ? Infinity : started + deps.stageSliceMs;
    try {
      const finished = await withStageContext(
        deps,
        run,
        helpers.signal,
        logger,
        (ctx) => executeStage(ctx, stage),
        yieldAtMs,
      ).catch((error: unknown) => {
        // Paused, cancelled or shut down while a record waited on Intercom (rate limit, retry): stopped, not
        // failed; what follows treats it as any other stop.
        if (error instanceof StoppedError || helpers.signal.aborted) return false;
        throw error;
      });
      logger.info({ ms: Date.now() - started, finished }, 'run stage ended');
      if (finished) await advanceRun(deps.db, runId, stage);
      const now = await getRun(deps.db, runId);
      // Its slice is over: the stage stopped between records (its checkpoints hold) and queues itself again,
      // behind the jobs that waited meanwhile, so other migrations get the slot.
      if (
        !finished &&
        now?.status === 'running' &&
        now.stage === stage &&
        !helpers.signal.aborted &&
        Date.now() >= yieldAtMs
      ) {
        logger.info({ sliceMs: deps.stageSliceMs }, 'run stage yields its slot');
        await enqueueStage(deps.db, now, stage);
        return;
      }
      // Stopped by a shutdown rather than a pause or cancel: hand the job back so it resumes elsewhere.
      if (!finished && now?.status === 'running')
        throw new RetryableError(`run ${runId} interrupted during ${stage}`);
      // Cancelled with records in flight: what they wrote after the cancel kept the run's outcomes joins them.
      if (now?.status === 'cancelled') await keepOutcomes(deps.db, [runId]);
    } catch (error) {
      // A pause is the end of this job: the admin's resume enqueues the stage again.
      if (stageErrorOutcome(error).kind === 'pause') {
        logger.warn({ err: error }, 'run paused');
        await pauseWithReason(deps.db, runId, message(error));
        return;
      }
      await recordError(deps.db, runId, message(error));
      if (helpers.attempt >= helpers.maxAttempts) {
        await failRun(deps.db, runId, message(error));
        return;
      }
      throw error;
    }
  },
  { maxAttempts: 25 },
);

/** The flag on every run.stage job of a migration. */
export function migrationFlag(migrationId: string): string {
  return `migration:${migrationId}`;
}

/**
 * forbiddenFlags for a worker that serves one migration only: every other migration's flag, read afresh
 * before each fetch (one read of a small table), so a migration created meanwhile is refused too.
 * Jobs without flags (queued by a release before flags) are not refused by this: see the migration
 * that flagged them, and the defensive check in cli/engine-host.ts.
 */
export function otherMigrationsFlags(db: Knex, migrationId: string): () => Promise<string[]> {
  return async () => {
    const rows = await db('migrations').whereNot({ id: migrationId }).select<{ id: string }[]>('id');
    return rows.map((r) => migrationFlag(r.id));
  };
}

/** Enqueues the job of the run's current stage (start and resume). */
export async function enqueueStage(
  db: Knex | Knex.Transaction,
  run: Pick<RunRow, 'id' | 'migration_id'>,
  stage: RunStage,
): Promise<void> {
  await enqueue(
    db,
    runStageTask,
    { runId: run.id, stage },
    { jobKey: `run:${run.id}`, flags: [migrationFlag(run.migration_id)] },
  );
}

/** Moves a still-running run to its next stage and enqueues that stage, in one transaction. */
async function advanceRun(db: Knex, runId: string, stage: RunStage): Promise<void> {
  await db.transaction(async (trx) => {
    const run = await getRun(trx, runId, true);
    if (!run || run.stage !== stage) return;
    const next = nextStage(stage);
    if (next === null || run.status !== 'running') return;
    await trx('runs').where({ id: runId }).update({ stage: next, updated_at: trx.fn.now() });
    await enqueueStage(trx, run, next);
  });
}
