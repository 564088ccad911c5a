// The ledger: one row per (migration, entity, source id), comment parts included (DESIGN "The ledger").
// A write is marked pending before Ferry calls Intercom and given its result after; every write is an
// upsert on that key, so reruns, resumed runs and deltas never make a second row for one source record.
// Reads take the migration id; callers reach a migration through the workspace-scoped migrations repository.
import { z } from 'zod';
import { bigintString, countNumber, isUuid, timestamp, type Db } from './shared.js';

export const ledgerStatusSchema = z.enum(['pending', 'migrated', 'failed', 'skipped']);
export type LedgerStatus = z.infer<typeof ledgerStatusSchema>;

export const ledgerRowSchema = z.object({
  id: bigintString,
  migration_id: z.string(),
  entity: z.string(),
  source_id: z.string(),
  target_id: z.string().nullable(),
  status: ledgerStatusSchema,
  reason: z.string().nullable(),
  source_hash: z.string().nullable(),
  parent_source_id: z.string().nullable(),
  position: z.number().int().nullable(),
  last_run_id: z.string().nullable(),
  /** Ferry created the Intercom object (true) or only matched/reused one (false); null: not known. */
  created_by_ferry: z.boolean().nullable().optional(),
  /** The run whose write created the object. */
  created_run_id: z.string().nullable().optional(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

export interface LedgerKey {
  migration_id: string;
  /** Entity name (contacts, tickets, comments, comment parts…): free text, the key's second part. */
  entity: string;
  source_id: string;
}

export interface LedgerContext {
  run_id?: string | null;
  source_hash?: string | null;
  parent_source_id?: string | null;
  position?: number | null;
}

export type LedgerResult =
  | { status: 'migrated'; target_id: string }
  | { status: 'failed'; reason: string }
  | { status: 'skipped'; reason: string };

export interface LedgerEntry extends LedgerKey, LedgerContext {
  status: LedgerStatus;
  target_id?: string | null;
  reason?: string | null;
  /** Whether Ferry created the target object (rollback deletes only those); the first answer is kept. */
  created_by_ferry?: boolean | null;
}

const KEY = ['migration_id', 'entity', 'source_id'];

/**
 * Idempotent upsert of many entries keyed on (migration, entity, source_id), in one statement. A known
 * target id is never forgotten (a failed retry of a migrated record keeps it); fields not given keep their value.
 */
export async function upsert(db: Db, entries: LedgerEntry[]): Promise<LedgerRow[]> {
  if (entries.length === 0) return [];
  const result: unknown[] = await upsertQuery(db, entries).returning('*');
  return result.map((r) => ledgerRowSchema.parse(r));
}

/** The same upsert where the caller needs no rows back (the engine's marks: no row read, no parse). */
export async function upsertQuietly(db: Db, entries: LedgerEntry[]): Promise<void> {
  if (entries.length > 0) await upsertQuery(db, entries);
}

function upsertQuery(db: Db, entries: LedgerEntry[]) {
  const rows = dedupe(entries).map((e) => ({
    migration_id: e.migration_id,
    entity: e.entity,
    source_id: e.source_id,
    status: e.status,
    target_id: e.target_id ?? null,
    // A migrated row may keep a note of what was left off the record (the engine's "notes"); pending clears it.
    reason: e.status === 'pending' ? null : (e.reason ?? null),
    source_hash: e.source_hash ?? null,
    parent_source_id: e.parent_source_id ?? null,
    position: e.position ?? null,
    last_run_id: e.run_id ?? null,
    created_by_ferry: e.created_by_ferry ?? null,
    created_run_id: e.created_by_ferry ? (e.run_id ?? null) : null,
  }));
  const keep = (column: string) => db.raw(`coalesce(excluded.??, ledger.??)`, [column, column]);
  // Who created the object is decided by its first write: a later update of it must not claim it.
  const first = (column: string) => db.raw(`coalesce(ledger.??, excluded.??)`, [column, column]);
  return db('ledger')
    .insert(rows)
    .onConflict(KEY)
    .merge({
      status: db.raw('excluded.status'),
      reason: db.raw('excluded.reason'),
      target_id: keep('target_id'),
      source_hash: keep('source_hash'),
      parent_source_id: keep('parent_source_id'),
      position: keep('position'),
      last_run_id: keep('last_run_id'),
      created_by_ferry: first('created_by_ferry'),
      created_run_id: db.raw(
        'case when ledger.created_by_ferry is null then excluded.created_run_id else ledger.created_run_id end',
      ),
      updated_at: db.fn.now(),
    });
}

/** One statement cannot touch a row twice (ON CONFLICT would fail): the last entry for a key wins. */
function dedupe(entries: LedgerEntry[]): LedgerEntry[] {
  const byKey = new Map<string, LedgerEntry>();
  for (const e of entries) byKey.set(KEY.map((k) => e[k as keyof LedgerKey]).join('\u0000'), e);
  return [...byKey.values()];
}

/** Marks records as about to be written to Intercom (before the call). */
export function markPending(db: Db, keys: (LedgerKey & LedgerContext)[]): Promise<LedgerRow[]> {
  return upsert(
    db,
    keys.map((k) => ({ ...k, status: 'pending' as const })),
  );
}

/** Records what Intercom answered (or why the record was skipped). */
export async function markResult(
  db: Db,
  key: LedgerKey & LedgerContext,
  result: LedgerResult,
): Promise<LedgerRow> {
  const [row] = await upsert(db, [{ ...key, ...result }]);
  return row!;
}

export async function get(db: Db, key: LedgerKey): Promise<LedgerRow | undefined> {
  if (!isUuid(key.migration_id)) return undefined;
  const row: unknown = await db('ledger').where(key).first();
  return row === undefined ? undefined : ledgerRowSchema.parse(row);
}

/** Rows of these source ids (a batch about to load checks which are already migrated), keyed by source id. */
export async function getMany(
  db: Db,
  migrationId: string,
  entity: string,
  sourceIds: string[],
): Promise<Map<string, LedgerRow>> {
  if (sourceIds.length === 0 || !isUuid(migrationId)) return new Map();
  const rows: unknown[] = await db('ledger')
    .where({ migration_id: migrationId, entity })
    .whereIn('source_id', sourceIds);
  return new Map(rows.map((r) => ledgerRowSchema.parse(r)).map((r) => [r.source_id, r]));
}

/** Pending rows to reconcile on resume, oldest first, paged by id. */
export async function listPending(
  db: Db,
  migrationId: string,
  options: { entity?: string; afterId?: string; limit?: number } = {},
): Promise<LedgerRow[]> {
  if (!isUuid(migrationId)) return [];
  const query = db('ledger').where({ migration_id: migrationId, status: 'pending' });
  if (options.entity) query.andWhere({ entity: options.entity });
  if (options.afterId) query.andWhere('id', '>', options.afterId);
  const rows: unknown[] = await query.orderBy('id').limit(options.limit ?? 500);
  return rows.map((r) => ledgerRowSchema.parse(r));
}

export interface StatusCounts {
  pending: number;
  migrated: number;
  failed: number;
  skipped: number;
  /** migrated + failed + skipped (DESIGN "Counting words"); pending rows are not yet any of them. */
  total: number;
}

/** Counts per entity and status, over the whole migration or the rows one run last touched. */
export async function countsByEntity(
  db: Db,
  migrationId: string,
  options: { runId?: string } = {},
): Promise<Record<string, StatusCounts>> {
  if (!isUuid(migrationId)) return {};
  const query = db('ledger').where({ migration_id: migrationId });
  if (options.runId) query.andWhere({ last_run_id: options.runId });
  const rows: unknown[] = await query
    .groupBy('entity', 'status')
    .select('entity', 'status')
    .count({ n: '*' });
  const parsed = z
    .array(z.object({ entity: z.string(), status: ledgerStatusSchema, n: countNumber }))
    .parse(rows);
  const out: Record<string, StatusCounts> = {};
  for (const r of parsed) {
    const c = (out[r.entity] ??= { pending: 0, migrated: 0, failed: 0, skipped: 0, total: 0 });
    c[r.status] += r.n;
    if (r.status !== 'pending') c.total += r.n;
  }
  return out;
}

/**
 * Report rows (for CSV), streamed in pages of `pageSize` by id so a million-row ledger never sits in memory.
 * Each page is its own query: rows added meanwhile with a higher id are included, none is read twice.
 */
export async function* reportRows(
  db: Db,
  migrationId: string,
  filter: { entity?: string; status?: LedgerStatus; runId?: string } = {},
  pageSize = 1_000,
): AsyncGenerator<LedgerRow> {
  if (!isUuid(migrationId)) return;
  let afterId: string | undefined;
  for (;;) {
    const query = db('ledger').where({ migration_id: migrationId });
    if (filter.entity) query.andWhere({ entity: filter.entity });
    if (filter.status) query.andWhere({ status: filter.status });
    if (filter.runId) query.andWhere({ last_run_id: filter.runId });
    if (afterId) query.andWhere('id', '>', afterId);
    const rows: unknown[] = await query.orderBy('id').limit(pageSize);
    for (const r of rows) yield ledgerRowSchema.parse(r);
    if (rows.length < pageSize) return;
    afterId = ledgerRowSchema.parse(rows[rows.length - 1]).id;
  }
}
