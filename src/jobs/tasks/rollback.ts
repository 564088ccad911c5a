// A rollback as a job (issue 15 §1): started from the console or the canvas, run by any worker, resumed
// where it stopped when its job runs again (a retry, a crashed worker's job picked up elsewhere).
import { z } from 'zod';
import type { EngineDeps } from '../../engine/context.js';
import { getMigration } from '../../engine/context.js';
import { runRollback } from '../../engine/rollback/run-rollback.js';
import { finishRollback, getRollback } from '../../engine/rollback/state.js';
import { ConfigurationError, RetryableError } from '../../errors.js';
import { defineTask } from '../runner/index.js';

let engine: Pick<EngineDeps, 'db' | 'logger' | 'intercomFor'> | null = null;

/** Gives the rollback task its dependencies (main.ts and tests call this before the runner starts). */
export function configureRollbackTask(deps: Pick<EngineDeps, 'db' | 'logger' | 'intercomFor'>): void {
  engine = deps;
}

export const rollbackTask = defineTask(
  'rollback.run',
  z.object({ rollbackId: z.string().uuid() }),
  async ({ rollbackId }, helpers) => {
    const deps = engine;
    if (!deps) throw new Error('the rollback task is not configured: call configureRollbackTask(deps) first');
    const rollback = await getRollback(deps.db, rollbackId);
    if (!rollback || rollback.status !== 'running') return;
    const migration = await getMigration(deps.db, rollback.migration_id);
    if (!migration) return finishRollback(deps.db, rollbackId, 'failed', 'the migration is gone');
    try {
      const intercom = (await deps.intercomFor(migration)).withSignal(helpers.signal);
      const logger = helpers.logger.child({ rollback: rollbackId });
      const done = await runRollback({ db: deps.db, intercom, logger, signal: helpers.signal }, rollbackId);
      if (!done) throw new RetryableError(`rollback ${rollbackId} interrupted`);
      await finishRollback(deps.db, rollbackId, 'completed');
    } catch (error) {
      // A refusal to act on (a plan or permission that forbids deleting), or the last attempt: it ends with
      // the reason; starting the rollback again resumes it.
      if (error instanceof ConfigurationError || helpers.attempt >= helpers.maxAttempts) {
        await finishRollback(
          deps.db,
          rollbackId,
          'failed',
          error instanceof Error ? error.message : String(error),
        );
        return;
      }
      throw error;
    }
  },
  { maxAttempts: 25 },
);
