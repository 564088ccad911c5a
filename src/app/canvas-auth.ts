// Who is asking, for which workspace, and may they change anything? The workspace comes from the SIGNED
// request's workspace_id only (stored_data and input_values are the teammate's to replay and never choose
// the workspace). Operators: the admin who installed Ferry plus those added to the migration in the console;
// the canvas `admin` object carries no role, so everyone else is read-only (DESIGN.md).
import type { MigrationsPort, MigrationSummary, WorkspaceRecord, WorkspacesPort } from './ports.js';

export interface CanvasAuthDeps {
  workspaces: WorkspacesPort;
  migrations: MigrationsPort;
}

export type CanvasActor =
  | { installed: false }
  | {
      installed: true;
      workspace: WorkspaceRecord;
      adminId: string;
      /** The workspace's latest migration, read with the workspace's own id. */
      migration: MigrationSummary | undefined;
      isOperator: boolean;
    };

export async function authorizeCanvasRequest(
  deps: CanvasAuthDeps,
  signed: { workspace_id: string; admin: { id: string } },
): Promise<CanvasActor> {
  const workspace = await deps.workspaces.findByIntercomId(signed.workspace_id);
  if (!workspace || workspace.uninstalledAt) return { installed: false };
  const adminId = signed.admin.id;
  const migration = await deps.migrations.latest(workspace.id);
  const isOperator =
    workspace.installedByAdminId === adminId ||
    (migration !== undefined && (await deps.migrations.isOperator(workspace.id, migration.id, adminId)));
  return { installed: true, workspace, adminId, migration, isOperator };
}
