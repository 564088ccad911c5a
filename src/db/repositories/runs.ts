// Runs of a migration (demo | full | delta): status, stage, the delta watermark, per-stream cursors
// checkpointed once per page (in the same transaction as that page's ledger rows), and counters.
// Reads take the migration id; callers reach a migration through the workspace-scoped migrations repository.
import { z } from 'zod';
import {
  countNumber,
  inTransaction,
  isUuid,
  jsonb,
  jsonObject,
  nullableTimestamp,
  parseOptional,
  timestamp,
  type Db,
} from './shared.js';

export const runKindSchema = z.enum(['demo', 'full', 'delta']);
export type RunKind = z.infer<typeof runKindSchema>;
export const runStatusSchema = z.enum(['planned', 'running', 'paused', 'completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Per entity: what the source holds (information only) and what the run did (DESIGN "Counting words"). */
export const entityCountersSchema = z.object({
  available: z.number().nullable().optional(),
  migrated: z.number().default(0),
  failed: z.number().default(0),
  skipped: z.number().default(0),
});
export type EntityCounters = z.infer<typeof entityCountersSchema>;

export const runRowSchema = z.object({
  id: z.string(),
  migration_id: z.string(),
  kind: runKindSchema,
  status: runStatusSchema,
  stage: z.string().nullable(),
  pause_reason: z.string().nullable(),
  started_at: nullableTimestamp,
  finished_at: nullableTimestamp,
  watermark: nullableTimestamp,
  /** Stream name -> that stream's cursor (the connector's own shape). */
  cursors: jsonObject,
  counters: z.record(z.string(), entityCountersSchema),
  last_error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type RunRow = z.infer<typeof runRowSchema>;

const FINISHED: RunStatus[] = ['completed', 'failed', 'cancelled'];

export async function create(
  db: Db,
  input: { migration_id: string; kind: RunKind; watermark?: Date | null },
): Promise<RunRow> {
  const [row] = await db('runs')
    .insert({ migration_id: input.migration_id, kind: input.kind, watermark: input.watermark ?? null })
    .returning('*');
  return runRowSchema.parse(row);
}

export async function get(db: Db, migrationId: string, runId: string): Promise<RunRow | undefined> {
  if (!isUuid(runId) || !isUuid(migrationId)) return undefined;
  const row: unknown = await db('runs').where({ id: runId, migration_id: migrationId }).first();
  return parseOptional(runRowSchema, row);
}

/** The latest run of a migration (of one kind when given). */
export async function latestForMigration(
  db: Db,
  migrationId: string,
  kind?: RunKind,
): Promise<RunRow | undefined> {
  if (!isUuid(migrationId)) return undefined;
  const row: unknown = await db('runs')
    .where({ migration_id: migrationId, ...(kind ? { kind } : {}) })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first();
  return parseOptional(runRowSchema, row);
}

async function update(
  db: Db,
  migrationId: string,
  runId: string,
  values: Record<string, unknown>,
): Promise<RunRow | undefined> {
  if (!isUuid(runId) || !isUuid(migrationId)) return undefined;
  const [row] = await db('runs')
    .where({ id: runId, migration_id: migrationId })
    .update({ ...values, updated_at: db.fn.now() })
    .returning('*');
  return parseOptional(runRowSchema, row);
}

/** Status change; started_at is set on the first `running`, finished_at on completed/failed/cancelled. */
export function updateStatus(
  db: Db,
  migrationId: string,
  runId: string,
  status: RunStatus,
  details: { pause_reason?: string | null; last_error?: string | null } = {},
): Promise<RunRow | undefined> {
  return update(db, migrationId, runId, {
    status,
    ...details,
    ...(status === 'running'
      ? { started_at: db.raw('coalesce(started_at, now())'), pause_reason: details.pause_reason ?? null }
      : {}),
    ...(FINISHED.includes(status) ? { finished_at: db.fn.now() } : {}),
  });
}

export function setStage(
  db: Db,
  migrationId: string,
  runId: string,
  stage: string,
): Promise<RunRow | undefined> {
  return update(db, migrationId, runId, { stage });
}

/** Records one stream's cursor after a page; call it in the transaction that wrote the page's ledger rows. */
export function checkpoint(
  db: Db,
  migrationId: string,
  runId: string,
  stream: string,
  cursor: unknown,
): Promise<RunRow | undefined> {
  return update(db, migrationId, runId, {
    cursors: db.raw(`cursors || jsonb_build_object(?::text, ?::jsonb)`, [stream, jsonb(cursor ?? null)]),
  });
}

export function setCounters(
  db: Db,
  migrationId: string,
  runId: string,
  counters: Record<string, EntityCounters>,
): Promise<RunRow | undefined> {
  return update(db, migrationId, runId, { counters: jsonb(counters) });
}

/** Adds to one entity's counters (row-locked, so concurrent batches do not lose each other's counts). */
export function addToCounters(
  db: Db,
  migrationId: string,
  runId: string,
  entity: string,
  delta: Partial<Pick<EntityCounters, 'migrated' | 'failed' | 'skipped'>> & { available?: number | null },
): Promise<RunRow | undefined> {
  return inTransaction(db, async (trx) => {
    if (!isUuid(runId) || !isUuid(migrationId)) return undefined;
    const row: unknown = await trx('runs')
      .where({ id: runId, migration_id: migrationId })
      .forUpdate()
      .first('counters');
    if (row === undefined) return undefined;
    const counters = runRowSchema.shape.counters.parse((row as { counters: unknown }).counters);
    const current = counters[entity] ?? entityCountersSchema.parse({});
    counters[entity] = {
      ...current,
      ...(delta.available !== undefined ? { available: delta.available } : {}),
      migrated: current.migrated + (delta.migrated ?? 0),
      failed: current.failed + (delta.failed ?? 0),
      skipped: current.skipped + (delta.skipped ?? 0),
    };
    return update(trx, migrationId, runId, { counters: jsonb(counters) });
  });
}

/** How many runs of a migration are in each status. */
export async function countByStatus(
  db: Db,
  migrationId: string,
): Promise<Partial<Record<RunStatus, number>>> {
  const rows: unknown[] = await db('runs')
    .where({ migration_id: migrationId })
    .groupBy('status')
    .select('status')
    .count({ n: '*' });
  const parsed = z.array(z.object({ status: runStatusSchema, n: countNumber })).parse(rows);
  return Object.fromEntries(parsed.map((r) => [r.status, r.n]));
}
