// Use cases of migrations and their runs, for the wizard, the console and `ferry migrate`: create a
// migration, start a demo / full / delta run, pause, resume, cancel, and read a run's status.
import type { Knex } from 'knex';
import { totalCounts, verificationCounts, type VerificationCounts } from '../engine/verify-results.js';
import { InputError, NotFoundError } from '../errors.js';
import { platformSchema, type Platform } from '../model/canonical.js';
import { parseSettings } from '../settings/settings.js';
import type { Targets } from '../engine/targeted-plan.js';
import { enqueueStage } from '../jobs/tasks/run-stage.js';
import { runCounters, type EntityCounters } from '../engine/progress.js';
import { keepOutcomes } from '../engine/run-outcomes.js';
import {
  getRun,
  runKindSchema,
  syncMigrationStatus,
  type RunKind,
  type RunRow,
  type RunStage,
  type RunStatus,
} from '../engine/run-state.js';

export interface CreateMigrationInput {
  workspaceId: string;
  name: string;
  platform: Platform;
  /** Subdomain or base URL of the source account. */
  sourceAccount?: string | null;
  /** Already encrypted (src/crypto.ts); the engine never reads it (connectorFor does). */
  sourceCredentialsEnc?: string | null;
  /** Anything parseSettings accepts; `{}` = defaults. */
  settings?: unknown;
}

/** Finds a workspace by Intercom's workspace id, creating it (the CLI has no OAuth install). */
export async function ensureWorkspace(
  db: Knex,
  intercomWorkspaceId: string,
  name?: string | null,
): Promise<string> {
  const existing = await db('workspaces')
    .where({ intercom_workspace_id: intercomWorkspaceId })
    .first<{ id: string }>('id');
  if (existing) return existing.id;
  const [row] = await db('workspaces')
    .insert({ intercom_workspace_id: intercomWorkspaceId, name: name ?? null })
    .onConflict('intercom_workspace_id')
    .merge({ updated_at: db.fn.now() })
    .returning<{ id: string }[]>('id');
  return row!.id;
}

export async function createMigration(db: Knex, input: CreateMigrationInput): Promise<string> {
  const platform = platformSchema.parse(input.platform);
  const settings = parseSettings(input.settings ?? {});
  const name = input.name.trim();
  if (name === '') throw new InputError('A migration needs a name', 'name');
  const clash = await db('migrations').where({ workspace_id: input.workspaceId, name }).first('id');
  if (clash) throw new InputError(`A migration named "${name}" already exists`, 'name');
  const [row] = await db('migrations')
    .insert({
      workspace_id: input.workspaceId,
      name,
      source_platform: platform,
      source_account: input.sourceAccount ?? null,
      source_credentials_enc: input.sourceCredentialsEnc ?? null,
      settings: JSON.stringify(settings),
      status: 'ready',
    })
    .returning<{ id: string }[]>('id');
  return row!.id;
}

/** The migration of that name in the workspace, or null (what a rerun or a delta continues). */
export async function findMigration(db: Knex, workspaceId: string, name: string): Promise<string | null> {
  const row = await db('migrations')
    .where({ workspace_id: workspaceId, name: name.trim() })
    .first<{ id: string }>('id');
  return row?.id ?? null;
}

/** Replaces a migration's settings (validated); the next run uses them. */
export async function updateMigrationSettings(
  db: Knex,
  migrationId: string,
  settings: unknown,
): Promise<void> {
  const parsed = parseSettings(settings);
  const n = await db('migrations')
    .where({ id: migrationId })
    .update({ settings: JSON.stringify(parsed), updated_at: db.fn.now() });
  if (n === 0) throw new NotFoundError(`No migration ${migrationId}`);
}

const ACTIVE: RunStatus[] = ['planned', 'running', 'paused'];

/**
 * Starts a run and enqueues its plan. One active run per migration: a paused one must be resumed or
 * cancelled first. A delta continues from the watermark of the last completed full or delta run.
 * `credentials: 'given'`: the caller brings the source credentials (`ferry migrate`), so a migration whose
 * stored ones were wiped (retention) can run; otherwise such a migration needs them entered again first.
 */
export async function startRun(
  db: Knex | Knex.Transaction,
  migrationId: string,
  kind: RunKind,
  o: { credentials?: 'stored' | 'given'; targets?: Targets } = {},
): Promise<string> {
  runKindSchema.parse(kind);
  if (o.targets && kind !== 'delta') throw new InputError('Only a delta can be targeted', 'kind');
  return db.transaction(async (trx) => {
    const migration = await trx('migrations')
      .where({ id: migrationId })
      .forUpdate()
      .first<{ id: string; status: string; source_credentials_enc: string | null; wiped_at: Date | null }>(
        'id',
        'status',
        'source_credentials_enc',
        'wiped_at',
      );
    if (!migration) throw new NotFoundError(`No migration ${migrationId}`);
    if (migration.status === 'archived' && !migration.source_credentials_enc && o.credentials !== 'given')
      throw new InputError(sourceWipedMessage(migration.wiped_at), 'migration');
    const active = await trx('runs')
      .where({ migration_id: migrationId })
      .whereIn('status', ACTIVE)
      .first<{ id: string; status: string }>('id', 'status');
    if (active)
      throw new InputError(`Run ${active.id} is ${active.status}: resume or cancel it first`, 'run');
    // A rollback deleting what Ferry created must end before a run creates again (issue 15 §1).
    const undoing = await trx('rollbacks')
      .where({ migration_id: migrationId, status: 'running' })
      .first('id');
    if (undoing)
      throw new InputError('A rollback of this migration is still deleting: wait until it ends', 'run');
    let since: string | null = null;
    if (kind === 'delta') {
      const last = await trx('runs')
        .where({ migration_id: migrationId, status: 'completed' })
        .whereIn('kind', ['full', 'delta'])
        // A targeted delta (live catch-up) saw only the ids it was given: it moves no watermark.
        .whereNotNull('watermark')
        .orderBy('created_at', 'desc')
        .first<{ watermark: Date | null }>('watermark');
      if (!last?.watermark) throw new InputError('A delta needs a completed full migration first', 'kind');
      since = last.watermark.toISOString();
    }
    const [row] = await trx('runs')
      .insert({
        migration_id: migrationId,
        kind,
        status: 'running',
        stage: 'plan',
        started_at: trx.fn.now(),
        // Taken when the run starts, so changes made during the run are caught by the next delta.
        watermark: o.targets ? null : trx.fn.now(),
        plan: JSON.stringify(o.targets ? { since, targets: o.targets } : { since }),
      })
      .returning<{ id: string }[]>('id');
    const runId = row!.id;
    await syncMigrationStatus(trx, runId);
    await enqueueStage(trx, { id: runId, migration_id: migrationId }, 'plan');
    return runId;
  });
}

/** Why a run cannot start once retention wiped the source credentials, and what to do. */
export function sourceWipedMessage(wipedAt: Date | null): string {
  const on = wipedAt ? ` on ${wipedAt.toISOString().slice(0, 10)}` : '';
  return `The source credentials and staged source data of this migration were wiped${on} (retention); the ledger and reports are kept. Reconnect the help desk (enter its credentials again in the console), then start the run.`;
}

async function requireRun(db: Knex | Knex.Transaction, runId: string, lock = false): Promise<RunRow> {
  const run = await getRun(db, runId, lock);
  if (!run) throw new NotFoundError(`No run ${runId}`);
  return run;
}

/** Pauses a running run; work stops between records and resumes from its checkpoints. */
export async function pauseRun(db: Knex, runId: string, reason = 'Paused by an operator'): Promise<void> {
  await db.transaction(async (trx) => {
    const run = await requireRun(trx, runId, true);
    if (run.status !== 'running' && run.status !== 'planned')
      throw new InputError(`Run ${runId} is ${run.status}, not running`, 'run');
    await trx('runs')
      .where({ id: runId })
      .update({ status: 'paused', pause_reason: reason, updated_at: trx.fn.now() });
    await syncMigrationStatus(trx, runId);
  });
}

/** Resumes a paused run (or re-enqueues a running one whose job was lost) from its current stage. */
export async function resumeRun(db: Knex, runId: string): Promise<void> {
  await db.transaction(async (trx) => {
    const run = await requireRun(trx, runId, true);
    if (run.status !== 'paused' && run.status !== 'running')
      throw new InputError(`Run ${runId} is ${run.status}: it cannot resume`, 'run');
    await trx('runs')
      .where({ id: runId })
      .update({ status: 'running', pause_reason: null, updated_at: trx.fn.now() });
    await syncMigrationStatus(trx, runId);
    await enqueueStage(trx, run, (run.stage ?? 'plan') as RunStage);
  });
}

/** Cancels a run: nothing more is written; what was written stays (in the ledger, and as the run's outcomes). */
export async function cancelRun(db: Knex, runId: string): Promise<void> {
  await db.transaction(async (trx) => {
    const run = await requireRun(trx, runId, true);
    if (!ACTIVE.includes(run.status))
      throw new InputError(`Run ${runId} is ${run.status}: nothing to cancel`, 'run');
    await trx('runs')
      .where({ id: runId })
      .update({ status: 'cancelled', finished_at: trx.fn.now(), updated_at: trx.fn.now() });
    await keepOutcomes(trx, [runId]);
    await trx('migrations')
      .where({ id: run.migration_id })
      .update({ status: 'ready', updated_at: trx.fn.now() });
  });
}

export interface RunStatusView {
  runId: string;
  migrationId: string;
  kind: RunKind;
  status: RunStatus;
  stage: RunStage | null;
  pauseReason: string | null;
  lastError: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Per entity: available / total / migrated / failed / skipped (DESIGN "Counting words"). */
  counters: Record<string, EntityCounters>;
  /** What the verify stage found, over every entity; null until the run was verified. */
  verification?: VerificationCounts | null;
}

export async function getRunStatus(db: Knex, runId: string): Promise<RunStatusView> {
  const run = await requireRun(db, runId);
  return {
    runId: run.id,
    migrationId: run.migration_id,
    kind: run.kind,
    status: run.status,
    stage: run.stage,
    pauseReason: run.pause_reason,
    lastError: run.last_error,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    counters: await runCounters(db, runId),
    verification: await verificationTotal(db, runId),
  };
}

async function verificationTotal(db: Knex, runId: string): Promise<VerificationCounts | null> {
  const counts = await verificationCounts(db, runId);
  return counts ? totalCounts(counts) : null;
}

/** The migration's most recent run (null when it has none). */
export async function latestRun(db: Knex, migrationId: string): Promise<RunStatusView | null> {
  const row = await db('runs')
    .where({ migration_id: migrationId })
    .orderBy('created_at', 'desc')
    .first<{ id: string }>('id');
  return row ? getRunStatus(db, row.id) : null;
}

/** Waits until the run is no longer running: completed, failed, cancelled or paused. */
export async function waitForRun(
  db: Knex,
  runId: string,
  options: { pollMs?: number; signal?: AbortSignal; onProgress?: (status: RunStatusView) => void } = {},
): Promise<RunStatusView> {
  for (;;) {
    const status = await getRunStatus(db, runId);
    options.onProgress?.(status);
    if (status.status !== 'running' && status.status !== 'planned') return status;
    if (options.signal?.aborted) return status;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
}
