// Who is looking at the console, and may they change anything? Everything is read through the session's
// workspace id: a link made for workspace A never reaches B's migration, runs or reports. Operators are the
// admin who installed Ferry and those added to the migration (DESIGN.md); everyone else reads only.
import type { Knex } from 'knex';
import { RefusedError } from './field-errors.js';
import * as preferences from '../../db/repositories/admin-preferences.js';
import * as migrations from '../../db/repositories/migrations.js';
import * as workspaces from '../../db/repositories/workspaces.js';
import type { ConsoleClaims } from '../console-link.js';

export interface ConsoleActor {
  adminId: string;
  workspace: workspaces.WorkspaceRow;
  /** The workspace's latest migration (the one its canvas shows), if any. */
  migration: migrations.MigrationRow | null;
  isOperator: boolean;
  /** The teammate's own language choice (made in the canvas); null: follow the link's or the browser's. */
  chosenLocale: string | null;
}

/** null when the workspace is gone or uninstalled: the session is then worth nothing. */
export async function consoleActor(db: Knex, claims: ConsoleClaims): Promise<ConsoleActor | null> {
  const workspace = await workspaces.getById(db, claims.workspaceId);
  if (!workspace || workspace.uninstalled_at) return null;
  const migration = (await migrations.listForWorkspace(db, workspace.id))[0] ?? null;
  const isOperator =
    workspace.installed_by_admin_id === claims.adminId ||
    (migration !== null && (await migrations.isOperator(db, workspace.id, migration.id, claims.adminId)));
  const chosenLocale = await preferences.getLocale(db, workspace.id, claims.adminId);
  return { adminId: claims.adminId, workspace, migration, isOperator, chosenLocale };
}

export type OperatorActor = ConsoleActor & { migration: migrations.MigrationRow };

/** Changes need an operator and a migration; a reader gets ForbiddenError and nothing changes. */
export function requireOperator(actor: ConsoleActor): OperatorActor {
  if (!actor.isOperator) throw new RefusedError({ key: 'refused.operators_only' });
  if (!actor.migration) throw new RefusedError({ key: 'refused.no_migration' });
  return actor as OperatorActor;
}
