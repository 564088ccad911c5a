// A run's outcomes, kept when it ends (completed, failed or cancelled). The ledger holds one row per record
// with only the last run that touched it, so a later run (the full run after a demo, a delta) takes rows out
// of an earlier run's view; the rows the run could report when it ended are copied to run_outcomes once, and
// its reports and counts read them from then on. A run still going is reported live from the ledger.
import type { Knex } from 'knex';

/** Entities reported to people (attachments and parts are details of tickets and comments). */
export const REPORTED_ENTITIES = [
  'companies',
  'contacts',
  'tickets',
  'comments',
  'attachments',
  'articles',
] as const;

export const REPORT_STATUSES = ['migrated', 'failed', 'skipped'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const ENDED = ['completed', 'failed', 'cancelled'];

type Db = Knex | Knex.Transaction;

/**
 * Keeps the outcomes of those of the runs that have ended, in one INSERT … SELECT; call it in the transaction
 * that ends them. Idempotent: a repeat (a finalise retried, a cancelled run's job done with the records it
 * had in flight) adds no second row, only the outcomes written since.
 */
export async function keepOutcomes(db: Db, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  const ended = db('runs')
    .whereIn('id', [...runIds])
    .whereIn('status', ENDED);
  const select = db('ledger')
    .whereIn('last_run_id', ended.clone().select('id'))
    .whereIn('entity', [...REPORTED_ENTITIES])
    .whereIn('status', [...REPORT_STATUSES])
    .select('last_run_id', 'id', 'entity', 'source_id', 'target_id', 'status', 'reason')
    .toSQL();
  await db.raw(
    `INSERT INTO run_outcomes (run_id, ledger_id, entity, source_id, target_id, status, reason) ${select.sql}
     ON CONFLICT (run_id, ledger_id) DO NOTHING`,
    [...select.bindings],
  );
  await ended.whereNull('outcomes_at').update({ outcomes_at: db.fn.now() });
}

/** Whether the run's outcomes were kept (it ended): then its reports read them, not the ledger. */
export async function outcomesKept(db: Db, runId: string): Promise<boolean> {
  const row = await db('runs')
    .where({ id: runId })
    .first<{ outcomes_at: Date | null } | undefined>('outcomes_at');
  return row?.outcomes_at != null;
}

export interface OutcomeFilter {
  statuses?: readonly ReportStatus[];
  entities?: readonly string[];
  /** Rows after this ledger id (a records page's cursor). */
  afterId?: string;
}

/**
 * The run's reportable rows in ledger order, as (id, entity, source_id, target_id, status, reason) with id
 * the ledger row's: its kept outcomes once it ended, else the ledger rows whose last run it is.
 */
export function outcomeRows(db: Db, runId: string, kept: boolean, filter: OutcomeFilter = {}) {
  const [table, run, id] = kept ? ['run_outcomes', 'run_id', 'ledger_id'] : ['ledger', 'last_run_id', 'id'];
  const q = db(table)
    .where(run, runId)
    .whereIn('status', [...REPORT_STATUSES])
    .whereIn('entity', [...REPORTED_ENTITIES]);
  // Narrowed, never widened: a page asking for parts finds none whether the run is kept or live.
  if (filter.statuses) q.whereIn('status', [...filter.statuses]);
  if (filter.entities) q.whereIn('entity', [...filter.entities]);
  if (filter.afterId) q.andWhere(id, '>', filter.afterId);
  return q.orderBy(id).select({ id }, 'entity', 'source_id', 'target_id', 'status', 'reason');
}
