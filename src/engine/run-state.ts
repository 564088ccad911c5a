// A run's row: status, stage, checkpoints (cursors), plan and counters. The stage tasks read and move it;
// pause, resume and cancel (app/runs.ts) change its status, which running work checks between records.
// A run that ends (completed, failed, cancelled) keeps its outcomes in the same transaction (run-outcomes.ts).
import type { Knex } from 'knex';
import { z } from 'zod';
import { keepOutcomes } from './run-outcomes.js';

// Articles before tickets: the help center's new addresses (kb_url_map) are known before a ticket's parts
// are written, so links in comments can lead there (Intercom 2.16 cannot edit a part afterwards). Runs
// that were at 'tickets' under the earlier order were moved back to 'articles' by migration
// 20261206000100_articles_before_tickets.
export const RUN_STAGES = [
  'plan',
  'reference',
  'companies',
  'contacts',
  'articles',
  'tickets',
  'verify',
  'finalise',
] as const;
export type RunStage = (typeof RUN_STAGES)[number];
export const runKindSchema = z.enum(['demo', 'full', 'delta']);
export type RunKind = z.infer<typeof runKindSchema>;
export const runStatusSchema = z.enum(['planned', 'running', 'paused', 'completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof runStatusSchema>;

const jsonObject = z.record(z.string(), z.unknown());
const date = z.union([z.date(), z.string()]).transform((v) => (typeof v === 'string' ? new Date(v) : v));

export const runRowSchema = z.object({
  id: z.string(),
  migration_id: z.string(),
  kind: runKindSchema,
  status: runStatusSchema,
  stage: z.enum(RUN_STAGES).nullable(),
  pause_reason: z.string().nullable(),
  started_at: date.nullable(),
  finished_at: date.nullable(),
  watermark: date.nullable(),
  cursors: jsonObject,
  counters: jsonObject,
  plan: jsonObject,
  last_error: z.string().nullable(),
  /** When the run's outcomes were kept (it ended): its reports and counts read them from then on. */
  outcomes_at: date.nullable(),
  created_at: date,
});
export type RunRow = z.infer<typeof runRowSchema>;

export async function getRun(
  db: Knex | Knex.Transaction,
  runId: string,
  forUpdate = false,
): Promise<RunRow | null> {
  const q = db('runs').where({ id: runId }).first();
  const row: unknown = await (forUpdate ? q.forUpdate() : q);
  return row ? runRowSchema.parse(row) : null;
}

export function nextStage(stage: RunStage): RunStage | null {
  const i = RUN_STAGES.indexOf(stage);
  return i >= 0 && i < RUN_STAGES.length - 1 ? RUN_STAGES[i + 1]! : null;
}

/** Saves one checkpoint (a stream cursor or a loading position) inside the caller's transaction. */
export async function saveCursor(
  db: Knex | Knex.Transaction,
  runId: string,
  key: string,
  value: string | number | null,
): Promise<void> {
  await db('runs')
    .where({ id: runId })
    .update({
      cursors: db.raw(`jsonb_set(cursors, ?::text[], ?::jsonb, true)`, [[key], JSON.stringify(value)]),
      updated_at: db.fn.now(),
    });
}

export function cursorOf(run: RunRow, key: string): string | null {
  const v = run.cursors[key];
  return typeof v === 'string' ? v : null;
}

export function seqCheckpoint(run: RunRow, key: string): number {
  const v = run.cursors[key];
  return typeof v === 'number' ? v : 0;
}

export async function mergePlan(
  db: Knex | Knex.Transaction,
  runId: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await db('runs')
    .where({ id: runId })
    .update({ plan: db.raw(`plan || ?::jsonb`, [JSON.stringify(patch)]), updated_at: db.fn.now() });
}

/** Pauses a running run with a reason a person can act on (no-op for a run that is no longer running). */
export async function pauseWithReason(db: Knex, runId: string, reason: string): Promise<void> {
  await db('runs')
    .where({ id: runId })
    .whereIn('status', ['running', 'planned'])
    .update({ status: 'paused', pause_reason: reason, updated_at: db.fn.now() });
  await syncMigrationStatus(db, runId);
}

export async function failRun(db: Knex, runId: string, error: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('runs')
      .where({ id: runId })
      .whereIn('status', ['running', 'planned'])
      .update({ status: 'failed', last_error: error, finished_at: trx.fn.now(), updated_at: trx.fn.now() });
    await keepOutcomes(trx, [runId]);
    await syncMigrationStatus(trx, runId);
  });
}

export async function recordError(db: Knex, runId: string, error: string): Promise<void> {
  await db('runs').where({ id: runId }).update({ last_error: error, updated_at: db.fn.now() });
}

/** The migration's status follows its latest run (running, paused, demo_done, completed…). */
export async function syncMigrationStatus(db: Knex | Knex.Transaction, runId: string): Promise<void> {
  const run = await getRun(db, runId);
  if (!run) return;
  const status = await migrationStatusAfter(db, run);
  await db('migrations').where({ id: run.migration_id }).update({ status, updated_at: db.fn.now() });
}

/**
 * A demo only tries the settings: it leaves the migration "demo_done". Only a full migration completes it
 * (and a run after that — a delta, another demo — leaves it completed).
 */
async function migrationStatusAfter(db: Knex | Knex.Transaction, run: RunRow): Promise<string> {
  if (run.status === 'planned') return 'running';
  if (run.status === 'failed') return 'ready';
  if (run.status !== 'completed' || run.kind === 'full') return run.status;
  const full = await db('runs')
    .where({ migration_id: run.migration_id, kind: 'full', status: 'completed' })
    .first('id');
  return full ? 'completed' : 'demo_done';
}
