// What the mappings page lists: the source's agents, groups and custom fields and the workspace's teammates,
// teams and attributes, read through the wizard's ports (SourcePort.catalogue, IntercomDirectoryPort), with
// the automatic matches the canvas's summary counts.
import type { FieldDefinition } from '../../model/canonical.js';
import type { MigrationSettings } from '../../settings/settings.js';
import { matchAgents, matchFields, matchGroups } from '../../transform/matching.js';
import type { WorkspaceRecord } from '../ports.js';
import type {
  IntercomDirectory,
  IntercomDirectoryPort,
  SourceCatalogue,
  SourcePort,
} from '../wizard/ports.js';
import type { OperatorActor } from './access.js';
import { parseRegion } from '../../intercom/regions.js';

export interface MappingCatalog extends SourceCatalogue, IntercomDirectory {
  /** Automatic matches: agent id → admin id, group id → team id, "scope:key" → attribute name. */
  auto: { agents: Map<string, string>; groups: Map<string, string>; fields: Map<string, string> };
  summaries: string[];
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

const mappable = (f: FieldDefinition) => !f.system && f.type !== 'partialcreditcard';

export async function loadCatalog(
  ports: { source: SourcePort; directory: IntercomDirectoryPort },
  actor: OperatorActor,
  settings: MigrationSettings,
): Promise<MappingCatalog> {
  const m = actor.migration;
  const [source, intercom] = await Promise.all([
    ports.source.catalogue({
      platform: m.source_platform,
      account: m.source_account ?? '',
      credentialsEnc: m.source_credentials_enc,
      migrationId: m.id,
    }),
    ports.directory.directory(workspaceRecord(actor)),
  ]);
  const fields = source.fields.filter(mappable);
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
    summaries: [a.summary, g.summary, f.summary],
  };
}
