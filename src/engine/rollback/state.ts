// A rollback's rows: the rollback itself (rollbacks) and one outcome per object it handled (rollback_items,
// upserted on (rollback, entity, source id), so a resumed rollback never counts an object twice).
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { parseSettings } from '../../settings/settings.js';
import type { DeletableKind } from '../../intercom/client.js';
import type { RollbackDeps } from './run-rollback.js';
import { rollbackSteps } from './scope.js';

export const rollbackItemStatus = z.enum(['deleted', 'archived', 'kept', 'failed']);
export type RollbackItemStatus = z.infer<typeof rollbackItemStatus>;

const rollbackRowSchema = z.object({
  id: z.string(),
  migration_id: z.string(),
  run_id: z.string().nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  reason: z.string().nullable(),
  settings: z.unknown(),
});
export type RollbackRow = Omit<z.infer<typeof rollbackRowSchema>, 'settings'> & {
  /** Where the migration's tickets went: Intercom tickets or conversations. */
  target: 'tickets' | 'conversations';
};

/** Starts a rollback of a migration (of one run, or of every run). */
export async function createRollback(db: Knex, migrationId: string, runId: string | null): Promise<string> {
  const id = randomUUID();
  await db('rollbacks').insert({ id, migration_id: migrationId, run_id: runId });
  return id;
}

export async function getRollback(db: Knex, id: string): Promise<RollbackRow | null> {
  const row: unknown = await db('rollbacks as r')
    .join('migrations as m', 'm.id', 'r.migration_id')
    .where('r.id', id)
    .first('r.id', 'r.migration_id', 'r.run_id', 'r.status', 'r.reason', 'm.settings');
  if (!row) return null;
  const { settings, ...rest } = rollbackRowSchema.parse(row);
  return { ...rest, target: parseSettings(settings).target };
}

/** The migration's rollback still going (resumed rather than started twice), if any. */
export async function runningRollback(
  db: Knex,
  migrationId: string,
  runId: string | null,
): Promise<string | null> {
  const row = await db('rollbacks')
    .where({ migration_id: migrationId, status: 'running', run_id: runId })
    .orderBy('created_at', 'desc')
    .first<{ id: string } | undefined>('id');
  return row?.id ?? null;
}

export async function recordItem(
  db: Knex | Knex.Transaction,
  rollbackId: string,
  entity: string,
  row: { source_id: string; target_id: string },
  status: RollbackItemStatus,
  reason: string | null,
): Promise<void> {
  await db('rollback_items')
    .insert({
      rollback_id: rollbackId,
      entity,
      source_id: row.source_id,
      target_id: row.target_id || null,
      status,
      reason,
    })
    .onConflict(['rollback_id', 'entity', 'source_id'])
    .merge(['target_id', 'status', 'reason']);
}

export type RollbackCounts = Record<string, Record<RollbackItemStatus, number>>;

/** Outcomes so far, per entity and status (the progress, and the end's summary). */
export async function countItems(db: Knex, rollbackId: string): Promise<RollbackCounts> {
  const rows = await db('rollback_items')
    .where({ rollback_id: rollbackId })
    .groupBy('entity', 'status')
    .select<{ entity: string; status: RollbackItemStatus; n: string }[]>(
      'entity',
      'status',
      db.raw('count(*) as n'),
    );
  const out: RollbackCounts = {};
  for (const r of rows)
    (out[r.entity] ??= { deleted: 0, archived: 0, kept: 0, failed: 0 })[r.status] += Number(r.n);
  return out;
}

export async function setProgress(db: Knex, rollbackId: string): Promise<void> {
  await db('rollbacks')
    .where({ id: rollbackId })
    .update({ progress: JSON.stringify(await countItems(db, rollbackId)) });
}

export async function finishRollback(
  db: Knex,
  id: string,
  status: 'completed' | 'failed',
  reason: string | null = null,
): Promise<void> {
  await db('rollbacks').where({ id }).update({ status, reason, finished_at: db.fn.now() });
}

/**
 * Reads every deleted object back: each must answer 404. One still there fails its item with the reason.
 * Items checked once keep their verdict (a resumed verification does not read them again).
 */
export async function verifyDeleted(deps: RollbackDeps, rollbackId: string): Promise<void> {
  const rollback = await getRollback(deps.db, rollbackId);
  if (!rollback) return;
  const kinds = new Map<string, DeletableKind>([['tags', 'tag']]);
  for (const step of rollbackSteps(rollback.target))
    if (step.from === 'ledger') kinds.set(step.entity, step.kind);
  const items = await deps
    .db('rollback_items')
    .where({ rollback_id: rollbackId, status: 'deleted' })
    .whereNull('verified')
    .orderBy('id')
    .select<{ id: string; entity: string; target_id: string }[]>('id', 'entity', 'target_id');
  for (const item of items) {
    if (deps.signal?.aborted) return;
    const kind = kinds.get(item.entity);
    if (!kind) continue;
    const still = await deps.intercom.exists(kind, item.target_id);
    await deps
      .db('rollback_items')
      .where({ id: item.id })
      .update(
        still
          ? { verified: false, status: 'failed', reason: 'still in Intercom after its delete (read back)' }
          : { verified: true },
      );
  }
}

export interface RollbackItem {
  entity: string;
  source_id: string;
  target_id: string | null;
  status: RollbackItemStatus;
  reason: string | null;
}

/** The rollback's outcomes in order, a page at a time (a large rollback's never sit in memory). */
export async function* listItems(
  db: Knex,
  rollbackId: string,
  pageSize = 1_000,
): AsyncGenerator<RollbackItem> {
  let afterId = '0';
  for (;;) {
    const page = await db('rollback_items')
      .where({ rollback_id: rollbackId })
      .andWhere('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .select<(RollbackItem & { id: string })[]>(
        'id',
        'entity',
        'source_id',
        'target_id',
        'status',
        'reason',
      );
    for (const { id, ...item } of page) {
      afterId = String(id);
      yield item;
    }
    if (page.length < pageSize) return;
  }
}
