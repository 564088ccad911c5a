// Retention's writes (issue 15 §2). A migration's source data is wiped: its source credentials, the payloads
// and comments its runs staged, and the attachment files stored for Intercom to fetch. The ledger (ids,
// statuses, reasons), the runs with their outcomes, verification and counts stay: the reports read them. An
// uninstalled workspace is deleted with everything that belongs to it (every table cascades from it).
import * as migrations from './migrations.js';
import { migrationRowSchema, type MigrationRow } from './migrations.js';
import { parseOptional, type Db } from './shared.js';

export interface WipedSourceData {
  credentials: boolean;
  stagedRecords: number;
  stagedComments: number;
  attachmentFiles: number;
}

/** The migration's row, locked until the caller's transaction ends (the wipe and a run's start serialise). */
export async function lockMigration(db: Db, migrationId: string): Promise<MigrationRow | undefined> {
  const row: unknown = await db('migrations').where({ id: migrationId }).forUpdate().first();
  return parseOptional(migrationRowSchema, row);
}

/** Sets when the source data is wiped (a run completed, or an operator postponed it). */
export async function setArchiveAt(db: Db, migrationId: string, at: Date): Promise<void> {
  await db('migrations').where({ id: migrationId }).update({ archive_at: at, updated_at: db.fn.now() });
}

/** Wipes the source data of a migration and marks it archived at `wipedAt`; what was removed, counted. */
export async function wipeSourceData(db: Db, m: MigrationRow, wipedAt: Date): Promise<WipedSourceData> {
  const runsOf = db('runs').select('id').where({ migration_id: m.id });
  const stagedRecords = await db('run_records').whereIn('run_id', runsOf).delete();
  const stagedComments = await db('staged_comment_events').whereIn('run_id', runsOf).delete();
  const attachmentFiles = await db('attachment_files').where({ migration_id: m.id }).delete();
  await migrations.archive(db, m.workspace_id, m.id, wipedAt);
  return { credentials: m.source_credentials_enc !== null, stagedRecords, stagedComments, attachmentFiles };
}

/** Sets (or, with null, clears) when an uninstalled workspace's data is wiped. */
export async function setWorkspaceWipeAt(db: Db, workspaceId: string, at: Date | null): Promise<void> {
  await db('workspaces').where({ id: workspaceId }).update({ wipe_at: at, updated_at: db.fn.now() });
}

/**
 * Deletes the workspace and all of its data (migrations, runs, ledger, outcomes, reports, files, preferences,
 * webhook events) when it is still uninstalled and its wipe is due at `now`. Resolves to whether it went.
 */
export async function deleteUninstalledWorkspace(db: Db, workspaceId: string, now: Date): Promise<boolean> {
  const n = await db('workspaces')
    .where({ id: workspaceId })
    .whereNotNull('uninstalled_at')
    .where('wipe_at', '<=', now)
    .delete();
  return n > 0;
}
