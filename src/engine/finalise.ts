// The finalise stage: the run's counts from the ledger (total = migrated + failed + skipped for every
// entity), the run completed, its staging dropped.
import type { StageContext } from './context.js';
import { runCounters } from './progress.js';
import { syncMigrationStatus } from './run-state.js';
import { clearStaging } from './staging.js';

export async function runFinaliseStage(ctx: StageContext): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    await trx('runs').where({ id: ctx.run.id, status: 'running' }).update({
      status: 'completed',
      stage: 'finalise',
      finished_at: trx.fn.now(),
      updated_at: trx.fn.now(),
    });
  });
  const counters = await runCounters(ctx.db, ctx.run.id);
  await ctx
    .db('runs')
    .where({ id: ctx.run.id })
    .update({ counters: JSON.stringify(counters) });
  await ctx.db('run_progress').insert({ run_id: ctx.run.id, counters: JSON.stringify(counters) });
  await syncMigrationStatus(ctx.db, ctx.run.id);
  await clearStaging(ctx.db, ctx.run.id);
}
