// What the Intercom-facing use cases need from the database, the cipher and Intercom, as small interfaces.
// main.ts (and the tests) wire the real repositories (src/db/repositories), the AES-GCM cipher
// (src/crypto.ts) and the Intercom client (src/intercom) behind them.
import type { HomeMigration } from '../../canvas/screens/home.js';
import type { IntercomRegion as Region } from '../intercom/regions.js';

export interface WorkspaceRecord {
  /** Ferry's own id (workspaces.id). */
  id: string;
  /** Intercom's workspace id (app.id_code), as Canvas Kit sends it in workspace_id. */
  intercomWorkspaceId: string;
  region: Region;
  installedByAdminId: string | null;
  accessTokenEnc: string | null;
  uninstalledAt: Date | null;
  /** The workspace's time zone (IANA) from Intercom; null: not known (dates then say UTC). */
  timeZone?: string | null;
}

export interface InstallInput {
  intercomWorkspaceId: string;
  region: Region;
  name: string | null;
  accessTokenEnc: string;
  installedByAdminId: string;
  timeZone?: string | null;
}

export interface WorkspacesPort {
  findByIntercomId(intercomWorkspaceId: string): Promise<WorkspaceRecord | undefined>;
  /** Insert or re-install (clears uninstalled_at and calls off a pending wipe of the workspace's data). */
  saveInstall(input: InstallInput): Promise<WorkspaceRecord>;
  /**
   * Marks uninstalled, wipes the token, cancels the workspace's unfinished runs and schedules the wipe of all
   * of its data after the grace period, in one transaction.
   */
  uninstall(workspaceId: string, reason: string): Promise<void>;
}

export interface MigrationSummary extends HomeMigration {
  id: string;
}

export interface MigrationsPort {
  /** The workspace's most recent migration with its latest run, scoped by Ferry's workspace id. */
  latest(workspaceId: string): Promise<MigrationSummary | undefined>;
  isOperator(workspaceId: string, migrationId: string, adminId: string): Promise<boolean>;
  /** Creates a draft unless the workspace already has a migration; returns the one that exists after. */
  createDraftOnce(
    workspaceId: string,
    draft: { name: string; platform: MigrationSummary['platform']; createdBy: string },
  ): Promise<MigrationSummary>;
}

export interface WebhookEventsPort {
  store(event: { workspaceId: string | null; topic: string; payload: unknown }): Promise<void>;
}

export type { Cipher } from '../crypto.js';

export interface IntercomMe {
  adminId: string;
  workspaceId: string;
  workspaceName: string | null;
  region: Region;
  /** GET /me's app.timezone (2.16 `app`: "The timezone of the region where the app is located"). */
  timeZone: string | null;
}

export interface IntercomAuthPort {
  /** POST /auth/eagle/token: the authorization code for an access token. */
  exchangeCode(code: string): Promise<string>;
  /** GET /me with the token; 'unauthorized' when Intercom answers 401 (the token was revoked). */
  me(accessToken: string, region: Region): Promise<IntercomMe | 'unauthorized'>;
}

export interface UsedTokensPort {
  /** true the first time a single-use token (OAuth state nonce, console link id) is used, false after. */
  useOnce(kind: 'oauth-state' | 'console-link', tokenId: string, expiresAt: Date): Promise<boolean>;
}
