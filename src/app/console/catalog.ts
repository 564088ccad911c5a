// What the mappings page lists: the source's agents, groups and custom fields and the workspace's teammates,
// teams and attributes, read through the wizard's ports (SourcePort.catalogue, IntercomDirectoryPort), with
// the automatic matches the canvas's summary counts.
import type { MigrationSettings } from '../../settings/settings.js';
import { mappableFields, matchAgents, matchFields, matchGroups } from '../../transform/matching.js';
import type { WorkspaceRecord } from '../ports.js';
import type {
  IntercomDirectory,
  OrganizationDirectory,
  SourceAccess,
  IntercomDirectoryPort,
  SourceCatalogue,
  SourcePort,
} from '../wizard/ports.js';
import type { OperatorActor } from './access.js';
import { parseRegion } from '../../intercom/regions.js';

export interface MappingCatalog extends SourceCatalogue, IntercomDirectory {
  /** Automatic matches: agent id → admin id, group id → team id, "scope:key" → attribute name. */
  auto: { agents: Map<string, string>; groups: Map<string, string>; fields: Map<string, string> };
}

export function workspaceRecord(actor: Pick<OperatorActor, 'workspace'>): WorkspaceRecord {
  const w = actor.workspace;
  return {
    id: w.id,
    intercomWorkspaceId: w.intercom_workspace_id,
    region: parseRegion(w.region),
    installedByAdminId: w.installed_by_admin_id,
    accessTokenEnc: w.access_token_enc,
    uninstalledAt: w.uninstalled_at,
  };
}

function sourceAccessOf(m: OperatorActor['migration']): SourceAccess {
  return {
    platform: m.source_platform,
    account: m.source_account ?? '',
    credentialsEnc: m.source_credentials_enc,
    migrationId: m.id,
  };
}

export async function loadCatalog(
  ports: { source: SourcePort; directory: IntercomDirectoryPort },
  actor: OperatorActor,
  settings: MigrationSettings,
): Promise<MappingCatalog> {
  const m = actor.migration;
  const [source, intercom] = await Promise.all([
    ports.source.catalogue(sourceAccessOf(m)),
    ports.directory.directory(workspaceRecord(actor)),
  ]);
  const fields = mappableFields(source.fields);
  const a = matchAgents(source.agents, intercom.admins);
  const g = matchGroups(source.groups, intercom.teams);
  const f = matchFields(fields, intercom.attributes, settings.target);
  return {
    ...source,
    ...intercom,
    fields,
    auto: {
      agents: new Map(a.matched.map((x) => [x.source.id, x.target.id])),
      groups: new Map(g.matched.map((x) => [x.source.id, x.target.id])),
      fields: new Map(f.matched.map((x) => [`${x.source.scope}:${x.source.key}`, x.target.name])),
    },
  };
}

/** Beyond this many organizations the filters take ids: a page of check boxes would not serve. */
export const ORGANIZATION_LIMIT = 2_000;

/** The source's organizations by name, for the filters (read once per cache period by the route). */
export function loadOrganizations(
  ports: { source: SourcePort },
  actor: OperatorActor,
): Promise<OrganizationDirectory> {
  return ports.source.organizations(sourceAccessOf(actor.migration), ORGANIZATION_LIMIT);
}
