// The finalise stage: the run completed, its outcomes kept and its counts taken from them (total = migrated +
// failed + skipped for every entity) in one transaction, so the counts and the reports always agree; then
// its staging dropped.
import type { StageContext } from './context.js';
import { runCounters } from './progress.js';
import { keepOutcomes } from './run-outcomes.js';
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
    await keepOutcomes(trx, [ctx.run.id]);
    const counters = await runCounters(trx, ctx.run.id);
    await trx('runs')
      .where({ id: ctx.run.id })
      .update({ counters: JSON.stringify(counters) });
    await trx('run_progress').insert({ run_id: ctx.run.id, counters: JSON.stringify(counters) });
    await syncMigrationStatus(trx, ctx.run.id);
  });
  await clearStaging(ctx.db, ctx.run.id);
}
