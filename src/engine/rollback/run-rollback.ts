// A rollback as a job (issue 15 §1): deletes what Ferry created, step by step in reverse dependency order
// (./scope.ts), under the workspace's shared rate budget (the Intercom client's), then reads every deleted
// object back (each must answer 404). It is resumable and idempotent: each object's outcome is one
// rollback_items row (upserted), committed with the reset of its ledger rows, so a crash between Intercom's
// delete and that commit only repeats the delete, which answers 404: gone, counted once.
import type { Knex } from 'knex';
import type { IntercomClient } from '../../intercom/index.js';
import type { DeletableKind } from '../../intercom/client.js';
import type { Logger } from '../../logger.js';
import { forgetCreated, listCreated, markArchived } from '../created-objects.js';
import { archiveCreated, GONE, refusalFails, type Outcome } from './archive.js';
import { createdRows, matchedRows, pendingRows, rollbackSteps, type RollbackStep } from './scope.js';
import { getRollback, recordItem, setProgress, verifyDeleted, type RollbackRow } from './state.js';

export interface RollbackDeps {
  db: Knex;
  intercom: IntercomClient;
  logger: Logger;
  /** Aborts between objects: the rollback stops and the same call later resumes it. */
  signal?: AbortSignal;
  /** Called as each step begins (the CLI's progress lines; the job's progress is in rollbacks.progress). */
  onStep?: (entity: string) => void;
  /** Test-only: called after an object is deleted in Intercom, before its outcome is committed. */
  afterDelete?: (entity: string, targetId: string) => void;
  /** Test-only: called after a conversation attribute is renamed, before it is archived. */
  afterRename?: (targetId: string) => void;
}

const PAGE = 100;
/** A ticket's rows under it return to "not migrated" with it. */
const CHILDREN = ['comments', 'parts', 'attachments'];

const KEPT_MATCHED =
  'existed in Intercom before Ferry (matched, not created): kept; what Ferry added to it (company links, tags, attribute values) stays';
const KEPT_PENDING =
  "its write's outcome is unknown (pending): not deleted; run the migration again to settle it, then roll back";

/** Runs (or resumes) a rollback to its end; false when stopped before (the same call resumes it). */
export async function runRollback(deps: RollbackDeps, rollbackId: string): Promise<boolean> {
  const rollback = await getRollback(deps.db, rollbackId);
  if (!rollback) throw new Error(`rollback ${rollbackId} is gone`);
  if (rollback.status !== 'running') return true;
  for (const step of rollbackSteps(rollback.target)) {
    if (deps.signal?.aborted) return false;
    deps.onStep?.(step.entity);
    if (step.from === 'ledger') await ledgerStep(deps, rollback, step);
    else await createdStep(deps, rollback, step);
    await setProgress(deps.db, rollback.id);
  }
  if (deps.signal?.aborted) return false;
  await verifyDeleted(deps, rollback.id);
  return !deps.signal?.aborted;
}

async function ledgerStep(
  deps: RollbackDeps,
  rollback: RollbackRow,
  step: Extract<RollbackStep, { from: 'ledger' }>,
): Promise<void> {
  const { db } = deps;
  const scope = [rollback.migration_id, step.entity, rollback.run_id] as const;
  // Kept first (reported; their rows return to "not migrated" so a later run matches them again).
  for (const row of await rowsOf(matchedRows(db, ...scope))) {
    await db.transaction(async (trx) => {
      await recordItem(trx, rollback.id, step.entity, row, 'kept', KEPT_MATCHED);
      await trx('ledger').where({ id: row.id }).delete();
    });
  }
  for (const row of await rowsOf(pendingRows(db, ...scope)))
    await recordItem(db, rollback.id, step.entity, row, 'kept', KEPT_PENDING);
  let afterId = '0';
  for (;;) {
    const page = await rowsOf(
      createdRows(db, ...scope)
        .andWhere('id', '>', afterId)
        .orderBy('id')
        .limit(PAGE),
    );
    if (page.length === 0) return;
    for (const row of page) {
      if (deps.signal?.aborted) return;
      afterId = row.id;
      const outcome = await remove(deps, step.kind, row.target_id);
      deps.afterDelete?.(step.entity, row.target_id);
      await db.transaction(async (trx) => {
        await recordItem(trx, rollback.id, step.entity, row, outcome.status, outcome.reason);
        if (outcome.status === 'failed') return;
        // Every record of this object (two users sharing one e-mail are one contact) and a ticket's parts.
        const gone = await trx('ledger')
          .where({ migration_id: rollback.migration_id, entity: step.entity, target_id: row.target_id })
          .delete()
          .returning<{ source_id: string }[]>('source_id');
        if (step.entity === 'tickets')
          await trx('ledger')
            .where({ migration_id: rollback.migration_id })
            .whereIn('entity', CHILDREN)
            .whereIn(
              'parent_source_id',
              gone.map((g) => g.source_id),
            )
            .delete();
      });
    }
    await setProgress(db, rollback.id);
  }
}

interface ScopedRow {
  id: string;
  source_id: string;
  target_id: string;
}

async function rowsOf(q: Knex.QueryBuilder): Promise<ScopedRow[]> {
  const rows = await q.select<{ id: string | number; source_id: string; target_id: string | null }[]>(
    'id',
    'source_id',
    'target_id',
  );
  return rows.map((r) => ({ id: String(r.id), source_id: r.source_id, target_id: r.target_id ?? '' }));
}

/** One delete: a 404 means it is gone already (done). */
async function remove(deps: RollbackDeps, kind: DeletableKind, targetId: string): Promise<Outcome> {
  return refusalFails(async () =>
    (await deps.intercom.remove[kind](targetId)) ? { status: 'deleted', reason: null } : GONE,
  );
}

async function createdStep(
  deps: RollbackDeps,
  rollback: RollbackRow,
  step: Extract<RollbackStep, { from: 'created' }>,
): Promise<void> {
  const objects = await listCreated(deps.db, rollback.migration_id, [step.entity], rollback.run_id);
  for (const o of objects) {
    if (deps.signal?.aborted) return;
    const item = { source_id: o.name, target_id: o.target_id };
    const outcome =
      step.action === 'delete' ? await remove(deps, 'tag', o.target_id) : await archiveCreated(deps, o);
    deps.afterDelete?.(step.entity, o.target_id);
    await deps.db.transaction(async (trx) => {
      await recordItem(trx, rollback.id, step.entity, item, outcome.status, outcome.reason);
      // A deleted (or gone) object is forgotten; an archived attribute stays recorded, so a later run takes a
      // data or ticket type attribute back out of the archive (2.16 keeps its name taken) instead of failing
      // to create it. A conversation attribute cannot come back: renamed, its name is free for a new one.
      if (outcome.status === 'deleted')
        await forgetCreated(trx, rollback.migration_id, step.entity, o.target_id);
      if (outcome.status === 'archived')
        await markArchived(trx, rollback.migration_id, step.entity, o.target_id, true);
    });
  }
}
