// The engine's reads and writes of the ledger (DESIGN "The ledger"): one row per (migration, entity,
// source id), comment parts included. A row is marked pending before Ferry calls Intercom and migrated
// (with the target id) after; failed and skipped rows carry a reason a person can act on.
// The writes and the row reads go through the repository (src/db/repositories/ledger.ts), which owns the
// upsert; this file adapts it to the engine's (key, run, place) calls and adds the engine's own queries.
import type { Knex } from 'knex';
import * as repo from '../db/repositories/ledger.js';
import { writeMarks } from './ledger-batch.js';

export type LedgerStatus = repo.LedgerStatus;

export interface LedgerKey {
  migrationId: string;
  entity: string;
  sourceId: string;
}

/** The engine's view of a row (the repository's row, which has a few more columns, satisfies it). */
export type LedgerRow = Pick<
  repo.LedgerRow,
  | 'entity'
  | 'source_id'
  | 'target_id'
  | 'status'
  | 'reason'
  | 'source_hash'
  | 'parent_source_id'
  | 'position'
  | 'last_run_id'
>;

export interface LedgerResult {
  status: Exclude<LedgerStatus, 'pending'>;
  targetId?: string | null;
  reason?: string | null;
  hash?: string | null;
  /** Ferry created the target object with this write (true) or found one that existed (false). */
  created?: boolean;
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
  await writeMarks(db, [{ ...entryOf(key, runId, place), status: 'pending' }]);
}

function entryOf(key: LedgerKey, runId: string, place: RowPlace) {
  return {
    migration_id: key.migrationId,
    entity: key.entity,
    source_id: key.sourceId,
    run_id: runId,
    parent_source_id: place.parentSourceId ?? null,
    position: place.position ?? null,
  };
}

/** Records the outcome of a write (or a decision not to write). A known target id and hash are kept. */
export async function markResult(
  db: Knex | Knex.Transaction,
  key: LedgerKey,
  runId: string,
  result: LedgerResult,
  place: RowPlace = {},
): Promise<void> {
  await writeMarks(db, [resultEntry(key, runId, result, place)]);
}

/** The next write of a chain (a ticket's next part), marked pending with the result before it. */
export interface PendingNext {
  key: LedgerKey;
  place?: RowPlace;
}

/**
 * A result and the next write's pending mark in one statement: a ticket's parts go one after another, so
 * each part's pending mark rides on the statement that records the part before it (one statement a part,
 * not two). The mark still precedes the next call, which is all the ledger's write rule asks.
 */
export async function markResultThenPending(
  db: Knex | Knex.Transaction,
  key: LedgerKey,
  runId: string,
  result: LedgerResult,
  place: RowPlace,
  next: PendingNext,
): Promise<void> {
  await writeMarks(db, [
    resultEntry(key, runId, result, place),
    { ...entryOf(next.key, runId, next.place ?? {}), status: 'pending' },
  ]);
}

function resultEntry(key: LedgerKey, runId: string, result: LedgerResult, place: RowPlace) {
  return {
    ...entryOf(key, runId, place),
    status: result.status,
    reason: result.reason ?? null,
    target_id: result.targetId ?? null,
    source_hash: result.hash ?? null,
    created_by_ferry: result.created ?? null,
  };
}

/** One outcome of a batch: a record of `entity` (a ticket's comments and attachments go in one batch). */
export type EntityResult = { entity: string; sourceId: string } & LedgerResult & RowPlace;

/** Many outcomes at once (decisions made without a write: skips, read failures, comment summaries). */
export async function markResults(
  db: Knex | Knex.Transaction,
  migrationId: string,
  entity: string,
  runId: string,
  rows: readonly ({ sourceId: string } & LedgerResult & RowPlace)[],
): Promise<void> {
  await markResultsOf(
    db,
    migrationId,
    runId,
    rows.map((r) => ({ ...r, entity })),
  );
}

/** Outcomes of several entities in one statement. */
export async function markResultsOf(
  db: Knex | Knex.Transaction,
  migrationId: string,
  runId: string,
  rows: readonly EntityResult[],
): Promise<void> {
  await writeMarks(
    db,
    rows.map((r) => ({
      ...entryOf({ migrationId, entity: r.entity, sourceId: r.sourceId }, runId, r),
      status: r.status,
      reason: r.reason ?? null,
      target_id: r.targetId ?? null,
      source_hash: r.hash ?? null,
    })),
  );
}

export async function getRow(db: Knex | Knex.Transaction, key: LedgerKey): Promise<LedgerRow | null> {
  return (
    (await repo.get(db, { migration_id: key.migrationId, entity: key.entity, source_id: key.sourceId })) ??
    null
  );
}

export function getRows(
  db: Knex,
  migrationId: string,
  entity: string,
  sourceIds: readonly string[],
): Promise<Map<string, LedgerRow>> {
  return repo.getMany(db, migrationId, entity, [...new Set(sourceIds)]);
}

/** How long the row has been pending, by the database's clock (null: it is not pending). */
export async function pendingAgeMs(db: Knex | Knex.Transaction, key: LedgerKey): Promise<number | null> {
  const row = await db('ledger')
    .where({ migration_id: key.migrationId, entity: key.entity, source_id: key.sourceId, status: 'pending' })
    .first<{ age: string | number } | undefined>(
      db.raw('extract(epoch from (now() - updated_at)) * 1000 as age'),
    );
  return row ? Number(row.age) : null;
}

/** The rows under one parent (a ticket's parts and comments), keyed by source id. */
export async function rowsOfParent(
  db: Knex,
  migrationId: string,
  entity: string,
  parentSourceId: string,
): Promise<Map<string, LedgerRow>> {
  const rows: unknown[] = await db('ledger').where({
    migration_id: migrationId,
    entity,
    parent_source_id: parentSourceId,
  });
  return new Map(rows.map((raw) => repo.ledgerRowSchema.parse(raw)).map((r) => [r.source_id, r]));
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
  { migrated: number; failed: number; skipped: number; pending: number; migratedWithLosses: number }
>;

/** A migrated row that keeps a reason arrived with something left off (DESIGN "The ledger"; issue 11 §2). */
export const MIGRATED_WITH_LOSS_SQL = `status = 'migrated' and coalesce(reason, '') <> ''`;

/**
 * What a run touched, per entity and status (the report's numbers): from its kept outcomes once it ended
 * (src/engine/run-outcomes.ts), else from the ledger rows whose last run it is.
 */
export async function countsOfRun(db: Knex, runId: string, kept = false): Promise<StatusCounts> {
  const rows = await (
    kept ? db('run_outcomes').where({ run_id: runId }) : db('ledger').where({ last_run_id: runId })
  )
    .groupBy('entity', 'status')
    .select<{ entity: string; status: LedgerStatus; n: string; lossy: string }[]>(
      'entity',
      'status',
      db.raw('count(*) as n'),
      db.raw(`count(*) filter (where ${MIGRATED_WITH_LOSS_SQL}) as lossy`),
    );
  const counts: StatusCounts = {};
  for (const r of rows) {
    const c = (counts[r.entity] ??= {
      migrated: 0,
      failed: 0,
      skipped: 0,
      pending: 0,
      migratedWithLosses: 0,
    });
    c[r.status] += Number(r.n);
    c.migratedWithLosses += Number(r.lossy);
  }
  return counts;
}

/** Per entity, how many of the run's records were skipped for this reason (e.g. deleted in the source). */
export async function skippedOfRun(
  db: Knex,
  runId: string,
  reason: string,
  kept = false,
): Promise<Record<string, number>> {
  const rows = await (
    kept ? db('run_outcomes').where({ run_id: runId }) : db('ledger').where({ last_run_id: runId })
  )
    .where({ status: 'skipped', reason })
    .groupBy('entity')
    .select<{ entity: string; n: string }[]>('entity', db.raw('count(*) as n'));
  return Object.fromEntries(rows.map((r) => [r.entity, Number(r.n)]));
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
