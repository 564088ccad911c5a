// The engine's reads and writes of the ledger (DESIGN "The ledger"): one row per (migration, entity,
// source id), comment parts included. A row is marked pending before Ferry calls Intercom and migrated
// (with the target id) after; failed and skipped rows carry a reason a person can act on.
import type { Knex } from 'knex';
import { z } from 'zod';

export type LedgerStatus = 'pending' | 'migrated' | 'failed' | 'skipped';

export interface LedgerKey {
  migrationId: string;
  entity: string;
  sourceId: string;
}

export const ledgerRowSchema = z.object({
  entity: z.string(),
  source_id: z.string(),
  target_id: z.string().nullable(),
  status: z.enum(['pending', 'migrated', 'failed', 'skipped']),
  reason: z.string().nullable(),
  source_hash: z.string().nullable(),
  parent_source_id: z.string().nullable(),
  position: z.number().int().nullable(),
  last_run_id: z.string().nullable(),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

const COLUMNS = [
  'entity',
  'source_id',
  'target_id',
  'status',
  'reason',
  'source_hash',
  'parent_source_id',
  'position',
  'last_run_id',
];

export interface LedgerResult {
  status: Exclude<LedgerStatus, 'pending'>;
  targetId?: string | null;
  reason?: string | null;
  hash?: string | null;
}

export interface RowPlace {
  parentSourceId?: string | null;
  position?: number | null;
}

/** Marks a row pending before an Intercom write (creating it when new). Keeps a known target id. */
export async function markPending(
  db: Knex | Knex.Transaction,
  key: LedgerKey,
  runId: string,
  place: RowPlace = {},
): Promise<void> {
  await db('ledger')
    .insert({
      migration_id: key.migrationId,
      entity: key.entity,
      source_id: key.sourceId,
      status: 'pending',
      parent_source_id: place.parentSourceId ?? null,
      position: place.position ?? null,
      last_run_id: runId,
    })
    .onConflict(['migration_id', 'entity', 'source_id'])
    .merge({ status: 'pending', reason: null, last_run_id: runId, updated_at: db.fn.now() });
}

/** Records the outcome of a write (or a decision not to write). */
export async function markResult(
  db: Knex | Knex.Transaction,
  key: LedgerKey,
  runId: string,
  result: LedgerResult,
  place: RowPlace = {},
): Promise<void> {
  const values = {
    status: result.status,
    reason: result.reason ?? null,
    last_run_id: runId,
    ...(result.targetId !== undefined ? { target_id: result.targetId } : {}),
    ...(result.hash !== undefined ? { source_hash: result.hash } : {}),
  };
  await db('ledger')
    .insert({
      migration_id: key.migrationId,
      entity: key.entity,
      source_id: key.sourceId,
      parent_source_id: place.parentSourceId ?? null,
      position: place.position ?? null,
      ...values,
    })
    .onConflict(['migration_id', 'entity', 'source_id'])
    .merge({ ...values, updated_at: db.fn.now() });
}

/** Many outcomes at once (decisions made without a write: skips, read failures, comment summaries). */
export async function markResults(
  db: Knex | Knex.Transaction,
  migrationId: string,
  entity: string,
  runId: string,
  rows: readonly ({ sourceId: string } & LedgerResult & RowPlace)[],
): Promise<void> {
  if (rows.length === 0) return;
  await db('ledger')
    .insert(
      rows.map((r) => ({
        migration_id: migrationId,
        entity,
        source_id: r.sourceId,
        status: r.status,
        reason: r.reason ?? null,
        target_id: r.targetId ?? null,
        source_hash: r.hash ?? null,
        parent_source_id: r.parentSourceId ?? null,
        position: r.position ?? null,
        last_run_id: runId,
      })),
    )
    .onConflict(['migration_id', 'entity', 'source_id'])
    .merge({
      status: db.raw('excluded.status'),
      reason: db.raw('excluded.reason'),
      target_id: db.raw('coalesce(excluded.target_id, ledger.target_id)'),
      source_hash: db.raw('coalesce(excluded.source_hash, ledger.source_hash)'),
      parent_source_id: db.raw('coalesce(excluded.parent_source_id, ledger.parent_source_id)'),
      position: db.raw('coalesce(excluded.position, ledger.position)'),
      last_run_id: runId,
      updated_at: db.fn.now(),
    });
}

export async function getRow(db: Knex | Knex.Transaction, key: LedgerKey): Promise<LedgerRow | null> {
  const row: unknown = await db('ledger')
    .where({ migration_id: key.migrationId, entity: key.entity, source_id: key.sourceId })
    .first(COLUMNS);
  return row ? ledgerRowSchema.parse(row) : null;
}

export async function getRows(
  db: Knex,
  migrationId: string,
  entity: string,
  sourceIds: readonly string[],
): Promise<Map<string, LedgerRow>> {
  const result = new Map<string, LedgerRow>();
  if (sourceIds.length === 0) return result;
  const rows: unknown[] = await db('ledger')
    .where({ migration_id: migrationId, entity })
    .whereIn('source_id', [...new Set(sourceIds)])
    .select(COLUMNS);
  for (const raw of rows) {
    const row = ledgerRowSchema.parse(raw);
    result.set(row.source_id, row);
  }
  return result;
}

/** The rows under one parent (a ticket's parts and comments), keyed by source id. */
export async function rowsOfParent(
  db: Knex,
  migrationId: string,
  entity: string,
  parentSourceId: string,
): Promise<Map<string, LedgerRow>> {
  const rows: unknown[] = await db('ledger')
    .where({ migration_id: migrationId, entity, parent_source_id: parentSourceId })
    .select(COLUMNS);
  return new Map(rows.map((raw) => ledgerRowSchema.parse(raw)).map((r) => [r.source_id, r]));
}

/** A record a run took in hand but found already done: it counts in this run, unchanged. */
export async function touch(
  db: Knex | Knex.Transaction,
  migrationId: string,
  entity: string,
  sourceIds: readonly string[],
  runId: string,
): Promise<void> {
  if (sourceIds.length === 0) return;
  await db('ledger')
    .where({ migration_id: migrationId, entity })
    .whereIn('source_id', [...sourceIds])
    .update({ last_run_id: runId });
}

/** Touches every row under the given parents (a skipped-as-unchanged ticket's comments and parts). */
export async function touchChildren(
  db: Knex | Knex.Transaction,
  migrationId: string,
  entities: readonly string[],
  parentSourceIds: readonly string[],
  runId: string,
): Promise<void> {
  if (parentSourceIds.length === 0) return;
  await db('ledger')
    .where({ migration_id: migrationId })
    .whereIn('entity', [...entities])
    .whereIn('parent_source_id', [...parentSourceIds])
    .update({ last_run_id: runId });
}

export type StatusCounts = Record<
  string,
  { migrated: number; failed: number; skipped: number; pending: number }
>;

/** What a run touched, per entity and status (the report's numbers). */
export async function countsOfRun(db: Knex, runId: string): Promise<StatusCounts> {
  const rows = await db('ledger')
    .where({ last_run_id: runId })
    .groupBy('entity', 'status')
    .select<{ entity: string; status: LedgerStatus; n: string }[]>(
      'entity',
      'status',
      db.raw('count(*) as n'),
    );
  const counts: StatusCounts = {};
  for (const r of rows) {
    const c = (counts[r.entity] ??= { migrated: 0, failed: 0, skipped: 0, pending: 0 });
    c[r.status] += Number(r.n);
  }
  return counts;
}

/** The target ids of migrated records (contact and company look-ups for a page of tickets). */
export async function targetIds(
  db: Knex,
  migrationId: string,
  entity: string,
  sourceIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await getRows(db, migrationId, entity, sourceIds);
  const result = new Map<string, string>();
  for (const [id, row] of rows) if (row.status === 'migrated' && row.target_id) result.set(id, row.target_id);
  return result;
}
