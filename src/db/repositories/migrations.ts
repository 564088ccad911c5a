// Migrations (one source help desk into one workspace) and their operators. Every read and write takes the
// workspace id: a migration of workspace A cannot be read or changed through workspace B.
import { z } from 'zod';
import { platformSchema } from '../../model/canonical.js';
import { isUuid, jsonb, jsonObject, nullableTimestamp, parseOptional, timestamp, type Db } from './shared.js';

export const migrationStatusSchema = z.enum([
  'draft',
  'ready',
  'running',
  'paused',
  /** A demo ran; no full migration completed yet. */
  'demo_done',
  'completed',
  'archived',
  'cancelled',
]);
export type MigrationStatus = z.infer<typeof migrationStatusSchema>;

export const migrationRowSchema = z.object({
  id: z.string(),
  workspace_id: z.string(),
  name: z.string(),
  source_platform: platformSchema,
  source_account: z.string().nullable(),
  source_credentials_enc: z.string().nullable(),
  /** Entities, filters, mappings, options: src/settings/ owns the shape and parses it further. */
  settings: jsonObject,
  checklist: jsonObject,
  status: migrationStatusSchema,
  /** When the source data is wiped (retention); after the wipe, when it was due. */
  archive_at: nullableTimestamp,
  /** When the retention job wiped the source data (null: not yet). */
  wiped_at: nullableTimestamp.optional().default(null),
  created_at: timestamp,
  updated_at: timestamp,
});
export type MigrationRow = z.infer<typeof migrationRowSchema>;

export interface NewMigration {
  workspace_id: string;
  name: string;
  source_platform: MigrationRow['source_platform'];
  source_account?: string | null;
  source_credentials_enc?: string | null;
  settings?: Record<string, unknown>;
}

export async function create(db: Db, input: NewMigration): Promise<MigrationRow> {
  const [row] = await db('migrations')
    .insert({
      workspace_id: input.workspace_id,
      name: input.name,
      source_platform: input.source_platform,
      source_account: input.source_account ?? null,
      source_credentials_enc: input.source_credentials_enc ?? null,
      settings: jsonb(input.settings ?? {}),
    })
    .returning('*');
  return migrationRowSchema.parse(row);
}

export async function get(db: Db, workspaceId: string, id: string): Promise<MigrationRow | undefined> {
  if (!isUuid(id)) return undefined;
  const row: unknown = await db('migrations').where({ id, workspace_id: workspaceId }).first();
  return parseOptional(migrationRowSchema, row);
}

export async function listForWorkspace(db: Db, workspaceId: string): Promise<MigrationRow[]> {
  const rows: unknown[] = await db('migrations')
    .where({ workspace_id: workspaceId })
    .orderBy('created_at', 'desc');
  return rows.map((r) => migrationRowSchema.parse(r));
}

async function update(
  db: Db,
  workspaceId: string,
  id: string,
  values: Record<string, unknown>,
): Promise<MigrationRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db('migrations')
    .where({ id, workspace_id: workspaceId })
    .update({ ...values, updated_at: db.fn.now() })
    .returning('*');
  return parseOptional(migrationRowSchema, row);
}

export function updateSettings(db: Db, workspaceId: string, id: string, settings: Record<string, unknown>) {
  return update(db, workspaceId, id, { settings: jsonb(settings) });
}

export function updateChecklist(db: Db, workspaceId: string, id: string, checklist: Record<string, unknown>) {
  return update(db, workspaceId, id, { checklist: jsonb(checklist) });
}

export function updateStatus(
  db: Db,
  workspaceId: string,
  id: string,
  status: MigrationStatus,
  archiveAt?: Date | null,
) {
  return update(db, workspaceId, id, {
    status,
    ...(archiveAt !== undefined ? { archive_at: archiveAt } : {}),
  });
}

export function setSource(
  db: Db,
  workspaceId: string,
  id: string,
  source: { source_account: string | null; source_credentials_enc: string | null },
) {
  return update(db, workspaceId, id, source);
}

/** Archived: the source credentials are wiped (at `wipedAt`); the ledger and reports stay. */
export function archive(db: Db, workspaceId: string, id: string, wipedAt: Date) {
  return update(db, workspaceId, id, { status: 'archived', source_credentials_enc: null, wiped_at: wipedAt });
}

export const operatorRowSchema = z.object({
  migration_id: z.string(),
  admin_id: z.string(),
  added_by: z.string().nullable(),
  added_at: timestamp,
});
export type OperatorRow = z.infer<typeof operatorRowSchema>;

/** Adds an operator; false when the migration is not this workspace's. Adding twice is harmless. */
export async function addOperator(
  db: Db,
  workspaceId: string,
  migrationId: string,
  adminId: string,
  addedBy: string | null,
): Promise<boolean> {
  if (!isUuid(migrationId)) return false;
  const result = await db.raw(
    `INSERT INTO migration_operators (migration_id, admin_id, added_by)
     SELECT id, ?, ? FROM migrations WHERE id = ? AND workspace_id = ?
     ON CONFLICT (migration_id, admin_id) DO NOTHING`,
    [adminId, addedBy, migrationId, workspaceId],
  );
  if ((result as { rowCount: number }).rowCount > 0) return true;
  return (await get(db, workspaceId, migrationId)) !== undefined;
}

export async function removeOperator(
  db: Db,
  workspaceId: string,
  migrationId: string,
  adminId: string,
): Promise<boolean> {
  if (!isUuid(migrationId)) return false;
  const count = await db('migration_operators')
    .where({ migration_id: migrationId, admin_id: adminId })
    .whereIn('migration_id', db('migrations').select('id').where({ workspace_id: workspaceId }))
    .delete();
  return count > 0;
}

/** The operator rows of one migration, provided the migration belongs to the workspace. */
const operatorsOf = (db: Db, workspaceId: string, migrationId: string) =>
  db('migration_operators as o')
    .join('migrations as m', 'm.id', 'o.migration_id')
    .where({ 'o.migration_id': migrationId, 'm.workspace_id': workspaceId });

export async function listOperators(
  db: Db,
  workspaceId: string,
  migrationId: string,
): Promise<OperatorRow[]> {
  if (!isUuid(migrationId)) return [];
  const rows: unknown[] = await operatorsOf(db, workspaceId, migrationId).orderBy('o.added_at').select('o.*');
  return rows.map((r) => operatorRowSchema.parse(r));
}

export async function isOperator(
  db: Db,
  workspaceId: string,
  migrationId: string,
  adminId: string,
): Promise<boolean> {
  if (!isUuid(migrationId)) return false;
  const row: unknown = await operatorsOf(db, workspaceId, migrationId)
    .where({ 'o.admin_id': adminId })
    .first('o.admin_id');
  return row !== undefined;
}
