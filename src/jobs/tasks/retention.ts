// Retention's scheduled jobs (issue 15 §2): graphile-worker jobs with a run_at and a key, one per migration and
// one per uninstalled workspace, so a later date (a new run completed, an operator postponed, a second
// uninstall) replaces the waiting job instead of adding another, and a re-installation removes it. The jobs
// re-check the date when they run (app/retention-wipe.ts), so a job left behind by an older date does nothing.
import type { Knex } from 'knex';
import { z } from 'zod';
import { wipeMigrationWhenDue, wipeWorkspaceWhenDue } from '../../app/retention-wipe.js';
import * as retention from '../../db/repositories/retention.js';
import { defineTask, enqueue } from '../runner/index.js';

export const DEFAULT_RETENTION_DAYS = 5;
export const DEFAULT_UNINSTALL_GRACE_HOURS = 48;
const DAY_MS = 86_400_000;

export interface RetentionTaskDeps {
  db: Knex;
  /** The jobs' clock; default the database's (the clock run_at is compared with). Tests give their own. */
  now?: () => Promise<Date>;
}

let configured: RetentionTaskDeps | null = null;

/** Gives the retention tasks their dependencies (main.ts and tests call this before the runner starts). */
export function configureRetentionTasks(deps: RetentionTaskDeps): void {
  configured = deps;
}

function deps(): Required<RetentionTaskDeps> {
  if (!configured) throw new Error('retention tasks are not configured: call configureRetentionTasks first');
  const db = configured.db;
  return { db, now: configured.now ?? (() => databaseNow(db)) };
}

async function databaseNow(db: Knex): Promise<Date> {
  const { rows } = await db.raw<{ rows: { now: Date }[] }>('select now() as now');
  return rows[0]!.now;
}

const retentionKey = (migrationId: string) => `retention:${migrationId}`;
const workspaceWipeKey = (workspaceId: string) => `workspace-wipe:${workspaceId}`;

export const migrationRetentionTask = defineTask(
  'migration.retention',
  z.object({ migrationId: z.string().uuid() }),
  async ({ migrationId }, helpers) => {
    const d = deps();
    const outcome = await wipeMigrationWhenDue(d.db, migrationId, await d.now());
    if (outcome.kind === 'later') await enqueueRetention(d.db, migrationId, outcome.at);
    if (outcome.kind === 'wiped')
      helpers.logger.info({ migration: migrationId, ...outcome }, 'retention: source data wiped');
  },
);

export const workspaceWipeTask = defineTask(
  'workspace.wipe',
  z.object({ workspaceId: z.string().uuid() }),
  async ({ workspaceId }, helpers) => {
    const d = deps();
    if (await wipeWorkspaceWhenDue(d.db, workspaceId, await d.now()))
      helpers.logger.info({ workspace: workspaceId }, 'uninstalled workspace wiped with all of its data');
  },
);

/** Every retention task, for a runner's task list. */
export const retentionTasks = [migrationRetentionTask, workspaceWipeTask] as const;

function enqueueRetention(db: Knex | Knex.Transaction, migrationId: string, at: Date) {
  return enqueue(
    db,
    migrationRetentionTask,
    { migrationId },
    { jobKey: retentionKey(migrationId), runAt: at },
  );
}

/** When the source data of a run that completed at `completedAt` is wiped. */
export function retentionDueAt(completedAt: Date, days: number): Date {
  return new Date(completedAt.getTime() + days * DAY_MS);
}

/** Sets the migration's wipe date and (re)schedules its job, inside the caller's transaction. */
export async function scheduleRetention(
  db: Knex | Knex.Transaction,
  migrationId: string,
  at: Date,
): Promise<void> {
  await retention.setArchiveAt(db, migrationId, at);
  await enqueueRetention(db, migrationId, at);
}

/**
 * A full or delta run completed at `completedAt`: the wipe moves to `days` after it, unless an operator had
 * already postponed it further (a completed run never brings the date nearer). Inside the caller's transaction.
 */
export async function scheduleAfterRun(
  db: Knex | Knex.Transaction,
  migrationId: string,
  completedAt: Date,
  days: number,
): Promise<void> {
  const due = retentionDueAt(completedAt, days);
  const m = await retention.lockMigration(db, migrationId);
  const pending = m?.archive_at && !(m.wiped_at && m.wiped_at >= m.archive_at) ? m.archive_at : null;
  await scheduleRetention(db, migrationId, pending && pending > due ? pending : due);
}

/** Schedules the wipe of an uninstalled workspace `graceHours` after `uninstalledAt`. */
export async function scheduleWorkspaceWipe(
  db: Knex | Knex.Transaction,
  workspaceId: string,
  uninstalledAt: Date,
  graceHours: number,
): Promise<Date> {
  const at = new Date(uninstalledAt.getTime() + graceHours * 3_600_000);
  await retention.setWorkspaceWipeAt(db, workspaceId, at);
  await enqueue(db, workspaceWipeTask, { workspaceId }, { jobKey: workspaceWipeKey(workspaceId), runAt: at });
  return at;
}

/** A re-installation: the workspace's pending wipe is called off. */
export async function cancelWorkspaceWipe(db: Knex | Knex.Transaction, workspaceId: string): Promise<void> {
  await retention.setWorkspaceWipeAt(db, workspaceId, null);
  await db.raw('select graphile_worker.remove_job(?)', [workspaceWipeKey(workspaceId)]);
}

/**
 * Migrations whose last full or delta run completed before retention was scheduled (an older release) get
 * their date when Ferry starts: a full period from `now`, so an upgrade wipes nothing without first showing
 * the date on the screens. Resolves to how many were scheduled.
 */
export async function scheduleMissingRetention(db: Knex, days: number, now: Date): Promise<number> {
  const completed = db('runs')
    .select('migration_id')
    .where({ status: 'completed' })
    .whereIn('kind', ['full', 'delta']);
  const rows = await db('migrations')
    .whereIn('id', completed)
    .whereNull('archive_at')
    .whereNull('wiped_at')
    .select<{ id: string }[]>('id');
  const due = retentionDueAt(now, days);
  for (const r of rows) await db.transaction((trx) => scheduleRetention(trx, r.id, due));
  return rows.length;
}
