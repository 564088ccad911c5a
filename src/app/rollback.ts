// "Undo this run" for operators (console and canvas) and "clear the demo" (the wizard): what would be
// deleted per entity, and the rollback started as a job (src/jobs/tasks/rollback.ts) once confirmed.
import type { Knex } from 'knex';
import { parseSettings } from '../settings/settings.js';
import { planRollback, type RollbackPlanLine } from '../engine/rollback/scope.js';
import { startOrResumeRollback } from '../engine/rollback/start.js';
import { countItems, type RollbackCounts } from '../engine/rollback/state.js';
import { ConfigurationError, InputError, NotFoundError } from '../errors.js';
import { enqueue } from '../jobs/runner/index.js';
import { rollbackTask } from '../jobs/tasks/rollback.js';

async function migrationOfRun(db: Knex, migrationId: string, runId: string) {
  const row = await db('runs as r')
    .join('migrations as m', 'm.id', 'r.migration_id')
    .where({ 'r.id': runId, 'r.migration_id': migrationId })
    .first<{ settings: unknown } | undefined>('m.settings');
  if (!row) throw new NotFoundError('No such run in this migration.');
  return parseSettings(row.settings);
}

/** What undoing the run would delete (or archive) and keep, per entity. */
export async function rollbackPreview(
  db: Knex,
  migrationId: string,
  runId: string,
): Promise<RollbackPlanLine[]> {
  const settings = await migrationOfRun(db, migrationId, runId);
  return planRollback(db, migrationId, runId, settings.target);
}

/** Starts (or resumes) undoing the run, once the operator confirmed it; answers the rollback's id. */
export async function startRunRollback(
  db: Knex,
  migrationId: string,
  runId: string,
  confirmed: boolean,
): Promise<string> {
  await migrationOfRun(db, migrationId, runId);
  if (!confirmed) throw new InputError('Tick the box to confirm the deletion.', 'confirm');
  const { rollbackId } = await startOrResumeRollback(db, migrationId, runId).catch((error: unknown) => {
    // A run still going: said at the form, nothing started.
    if (error instanceof ConfigurationError) throw new InputError(error.message, 'confirm');
    throw error;
  });
  await enqueue(db, rollbackTask, { rollbackId }, { jobKey: `rollback:${rollbackId}` });
  return rollbackId;
}

/** How many Intercom objects Ferry created in the run are still there (what "clear the demo" removes). */
export async function createdInRun(db: Knex, migrationId: string, runId: string): Promise<number> {
  const lines = await rollbackPreview(db, migrationId, runId);
  return lines.reduce((n, l) => n + l.remove, 0);
}

export interface RollbackStatusView {
  id: string;
  runId: string | null;
  status: 'running' | 'completed' | 'failed';
  reason: string | null;
  counts: RollbackCounts;
}

/** The migration's latest rollback of that run (for its progress and its outcome). */
export async function latestRollbackOf(
  db: Knex,
  migrationId: string,
  runId: string,
): Promise<RollbackStatusView | null> {
  const row = await db('rollbacks')
    .where({ migration_id: migrationId, run_id: runId })
    .orderBy('created_at', 'desc')
    .first<
      | { id: string; run_id: string | null; status: RollbackStatusView['status']; reason: string | null }
      | undefined
    >('id', 'run_id', 'status', 'reason');
  if (!row) return null;
  return {
    id: row.id,
    runId: row.run_id,
    status: row.status,
    reason: row.reason,
    counts: await countItems(db, row.id),
  };
}
