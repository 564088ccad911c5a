// The rows a run reports, read through a server-side cursor: a report of a 100k-ticket run streams in batches
// and never holds them in memory. A run that ended reads the outcomes kept when it ended; one still going,
// the ledger rows whose last run it is (src/engine/run-outcomes.ts).
import type { Knex } from 'knex';
import { z } from 'zod';
import { outcomeRows, outcomesKept, REPORT_STATUSES } from '../engine/run-outcomes.js';

export { REPORT_STATUSES, type ReportStatus } from '../engine/run-outcomes.js';

export const reportRowSchema = z.object({
  entity: z.string(),
  source_id: z.string(),
  target_id: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  reason: z.string().nullable(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

const BATCH = 1000;

/**
 * Yields the run's report rows of the reported entities, in ledger order, one batch at a time. The cursor
 * lives in a read-only transaction (one snapshot, so whether the run ended and its rows agree) that ends
 * when the iteration ends (or is abandoned).
 */
export async function* reportRowsOfRun(
  db: Knex,
  runId: string,
  batchSize = BATCH,
): AsyncGenerator<ReportRow[]> {
  const trx = await db.transaction(undefined, { readOnly: true, isolationLevel: 'repeatable read' });
  try {
    const kept = await outcomesKept(trx, runId);
    const select = outcomeRows(db, runId, kept).toSQL();
    await trx.raw(`DECLARE ferry_report NO SCROLL CURSOR FOR ${select.sql}`, [...select.bindings]);
    for (;;) {
      const result: { rows: unknown[] } = await trx.raw(`FETCH FORWARD ${batchSize} FROM ferry_report`);
      if (result.rows.length === 0) break;
      yield result.rows.map((r) => reportRowSchema.parse(r));
    }
    await trx.commit();
  } finally {
    if (!trx.isCompleted()) await trx.rollback();
  }
}
