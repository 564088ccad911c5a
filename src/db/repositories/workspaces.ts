// Intercom workspaces that installed Ferry. The access token is stored encrypted (src/crypto.ts): callers
// pass and get the ciphertext, never the token.
import { z } from 'zod';
import { nullableTimestamp, parseOptional, timestamp, type Db } from './shared.js';

export const workspaceRowSchema = z.object({
  id: z.string(),
  intercom_workspace_id: z.string(),
  region: z.string(),
  name: z.string().nullable(),
  access_token_enc: z.string().nullable(),
  installed_by_admin_id: z.string().nullable(),
  locale: z.string(),
  /** The workspace's IANA time zone from Intercom (GET /me app.timezone); null: not known. */
  time_zone: z.string().nullable().optional(),
  installed_at: nullableTimestamp,
  uninstalled_at: nullableTimestamp,
  /** Uninstalled: when all of the workspace's data is wiped unless Ferry is installed again first. */
  wipe_at: nullableTimestamp.optional().default(null),
  created_at: timestamp,
  updated_at: timestamp,
});
export type WorkspaceRow = z.infer<typeof workspaceRowSchema>;

export interface InstalledWorkspace {
  intercom_workspace_id: string;
  region: string;
  access_token_enc: string;
  name?: string | null;
  installed_by_admin_id?: string | null;
  locale?: string;
  time_zone?: string | null;
}

/** Records an installation (or a re-installation: new token, uninstalled_at cleared). */
export async function upsertInstalled(db: Db, input: InstalledWorkspace): Promise<WorkspaceRow> {
  const values = {
    intercom_workspace_id: input.intercom_workspace_id,
    region: input.region,
    access_token_enc: input.access_token_enc,
    // Left as they were on a re-installation unless given.
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.installed_by_admin_id !== undefined
      ? { installed_by_admin_id: input.installed_by_admin_id }
      : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.time_zone !== undefined ? { time_zone: input.time_zone } : {}),
    installed_at: db.fn.now(),
    uninstalled_at: null,
    wipe_at: null,
    updated_at: db.fn.now(),
  };
  const [row] = await db('workspaces')
    .insert(values)
    .onConflict('intercom_workspace_id')
    .merge(Object.keys(values).filter((k) => k !== 'intercom_workspace_id'))
    .returning('*');
  return workspaceRowSchema.parse(row);
}

export async function getByIntercomId(
  db: Db,
  intercomWorkspaceId: string,
): Promise<WorkspaceRow | undefined> {
  const row: unknown = await db('workspaces').where({ intercom_workspace_id: intercomWorkspaceId }).first();
  return parseOptional(workspaceRowSchema, row);
}

export async function getById(db: Db, id: string): Promise<WorkspaceRow | undefined> {
  const row: unknown = await db('workspaces').where({ id }).first();
  return parseOptional(workspaceRowSchema, row);
}

/** The app was uninstalled: the token is wiped at once; migrations and reports stay. */
export async function markUninstalled(
  db: Db,
  intercomWorkspaceId: string,
): Promise<WorkspaceRow | undefined> {
  const [row] = await db('workspaces')
    .where({ intercom_workspace_id: intercomWorkspaceId })
    .update({ uninstalled_at: db.fn.now(), access_token_enc: null, updated_at: db.fn.now() })
    .returning('*');
  return parseOptional(workspaceRowSchema, row);
}
