// The rows a run touched, read from the ledger through a server-side cursor: a report of a 100k-ticket run
// streams in batches and never holds the ledger in memory.
import type { Knex } from 'knex';
import { z } from 'zod';
import { REPORTED_ENTITIES } from '../engine/progress.js';

export const REPORT_STATUSES = ['migrated', 'failed', 'skipped'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

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
 * Yields the ledger rows of the reported entities whose last run is `runId`, in ledger order, one batch at a
 * time. The cursor lives in a read-only transaction that ends when the iteration ends (or is abandoned).
 */
export async function* reportRowsOfRun(
  db: Knex,
  runId: string,
  batchSize = BATCH,
): AsyncGenerator<ReportRow[]> {
  const trx = await db.transaction(undefined, { readOnly: true });
  try {
    const select = db('ledger')
      .where({ last_run_id: runId })
      .whereIn('entity', [...REPORTED_ENTITIES])
      .whereIn('status', [...REPORT_STATUSES])
      .orderBy('id')
      .select('entity', 'source_id', 'target_id', 'status', 'reason')
      .toSQL();
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
