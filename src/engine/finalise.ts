// The finalise stage: the run completed, its outcomes kept and its counts taken from them (total = migrated +
// failed + skipped for every entity) in one transaction, so the counts and the reports always agree; then
// its staging dropped, and its stored attachment files swept (those Intercom fetched, and any left from
// other runs once no link to them can still be valid). A full or delta run that completes sets when the
// migration's source data is wiped (retention, FERRY_RETENTION_DAYS after it, or later if an operator
// postponed it further), in the same transaction.
import type { StageContext } from './context.js';
import { runCounters } from './progress.js';
import { keepOutcomes } from './run-outcomes.js';
import { syncMigrationStatus } from './run-state.js';
import { clearStaging } from './staging.js';
import { sweepExpired, sweepRun } from '../db/repositories/attachment-files.js';
import { DEFAULT_LINK_TTL_SECONDS } from './attachment-links.js';
import { DEFAULT_RETENTION_DAYS, scheduleAfterRun } from '../jobs/tasks/retention.js';

/** Intercom fetches a part's URLs within seconds of the write; a file unserved this long after is not awaited. */
const UNSERVED_GRACE_SECONDS = 10 * 60;

export async function runFinaliseStage(ctx: StageContext): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const [completed] = await trx('runs')
      .where({ id: ctx.run.id, status: 'running' })
      .update({
        status: 'completed',
        stage: 'finalise',
        finished_at: trx.fn.now(),
        updated_at: trx.fn.now(),
      })
      .returning<{ finished_at: Date }[]>('finished_at');
    if (completed && ctx.run.kind !== 'demo') {
      const days = ctx.deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
      await scheduleAfterRun(trx, ctx.run.migration_id, completed.finished_at, days);
    }
    await keepOutcomes(trx, [ctx.run.id]);
    const counters = await runCounters(trx, ctx.run.id);
    await trx('runs')
      .where({ id: ctx.run.id })
      .update({ counters: JSON.stringify(counters) });
    await trx('run_progress').insert({ run_id: ctx.run.id, counters: JSON.stringify(counters) });
    await syncMigrationStatus(trx, ctx.run.id);
  });
  await clearStaging(ctx.db, ctx.run.id);
  await sweepAttachmentFiles(ctx);
}

export async function sweepAttachmentFiles(ctx: Pick<StageContext, 'db' | 'run' | 'logger'>): Promise<void> {
  const ofRun = await sweepRun(ctx.db, ctx.run.id, UNSERVED_GRACE_SECONDS);
  const expired = await sweepExpired(ctx.db, DEFAULT_LINK_TTL_SECONDS + 5 * 60);
  if (ofRun + expired > 0) ctx.logger.debug({ ofRun, expired }, 'attachment files swept');
}
