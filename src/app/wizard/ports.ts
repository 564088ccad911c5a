// What the wizard needs besides the database: the source (test the connection, read what mapping needs)
// and the workspace's Intercom directory (teammates, teams, attributes). main.ts wires the connector- and
// client-backed adapters (source-port.ts, intercom-directory.ts); tests may wire fakes with the same shape.
import type { Knex } from 'knex';
import type { Agent, FieldDefinition, Group, Platform } from '../../model/canonical.js';
import type { AvailableCounts } from '../../sources/connector.js';
import type { IntercomAdmin, IntercomAttribute, IntercomTeam } from '../../transform/reference.js';
import type { CanvasAuthDeps } from '../canvas-auth.js';
import type { WorkspaceRecord } from '../ports.js';

export interface SourceAccess {
  platform: Platform;
  /** The saved subdomain. */
  account: string;
  /** source_credentials_enc (sealSourceCredentials); null before the console's form was sent. */
  credentialsEnc: string | null;
  /** The migration they were sealed for (they open only as that migration's). */
  migrationId: string;
}

/** Where the admin fixes a failed check: the subdomain (canvas) or the credentials (console form). */
export type SourceProblem = 'no_account' | 'missing_credentials' | 'rejected' | 'not_admin' | 'unreachable';

export type SourceTestResult =
  | {
      ok: true;
      account: string;
      user: string;
      /** What the source holds, and custom_fields: the fields the mapping offers (mappableFields). */
      available: AvailableCounts & { custom_fields?: number | null };
      /** The entities whose number is an estimate (Freshdesk's tickets): "about N". */
      estimated?: readonly string[];
    }
  | { ok: false; field: 'subdomain' | 'credentials'; problem: SourceProblem; detail?: string };

export interface SourceCatalogue {
  agents: Agent[];
  groups: Group[];
  fields: FieldDefinition[];
}

export interface SourcePort {
  /** Checks the credentials and the role they carry, and counts what is there. Never throws for an admin's mistake. */
  test(access: SourceAccess): Promise<SourceTestResult>;
  /** Agents, groups and custom fields, for the auto-matching. */
  catalogue(access: SourceAccess): Promise<SourceCatalogue>;
  /** The source's organizations (companies) by name, for the filters: at most `limit` of them. */
  organizations(access: SourceAccess, limit: number): Promise<OrganizationDirectory>;
}

export interface OrganizationDirectory {
  items: { id: string; name: string }[];
  /** False when the source holds more than the limit (the filters then take ids). */
  complete: boolean;
}

export interface IntercomDirectory {
  admins: IntercomAdmin[];
  teams: IntercomTeam[];
  attributes: IntercomAttribute[];
}

export interface IntercomDirectoryPort {
  directory(workspace: WorkspaceRecord): Promise<IntercomDirectory>;
}

/** Live catch-up until cutover (src/app/live/follow.ts livePort). */
export interface LivePort {
  start(migrationId: string): Promise<void>;
  stop(migrationId: string): Promise<void>;
  status(migrationId: string): Promise<{
    following: boolean;
    lastAppliedAt: Date | null;
    lagSeconds: number;
    /** Freshdesk: the URL the admin's automation rule posts to. */
    automationUrl: string | null;
  } | null>;
}

export interface WizardDeps extends CanvasAuthDeps {
  knex: Knex;
  /** PUBLIC_URL: console links start here. */
  publicUrl: string;
  /** The secret console links are signed with (the one the console verifies them with). */
  consoleSecret: string;
  source: SourcePort;
  intercom: IntercomDirectoryPort;
  /** Absent where the server cannot follow a source (no live catch-up offered). */
  live?: LivePort;
  now?: () => Date;
}
