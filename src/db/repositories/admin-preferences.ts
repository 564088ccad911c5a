// A teammate's own choices in Ferry, per workspace: for now their language (null: follow the workspace's).
import type { Db } from './shared.js';

export async function getLocale(db: Db, workspaceId: string, adminId: string): Promise<string | null> {
  const row = await db('admin_preferences')
    .where({ workspace_id: workspaceId, admin_id: adminId })
    .first<{ locale: string | null } | undefined>('locale');
  return row?.locale ?? null;
}

export async function setLocale(
  db: Db,
  workspaceId: string,
  adminId: string,
  locale: string | null,
): Promise<void> {
  await db('admin_preferences')
    .insert({ workspace_id: workspaceId, admin_id: adminId, locale, updated_at: db.fn.now() })
    .onConflict(['workspace_id', 'admin_id'])
    .merge(['locale', 'updated_at']);
}
