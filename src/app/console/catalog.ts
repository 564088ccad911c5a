// What the mappings page lists: the source's agents, groups and custom fields (from the connector) and the
// workspace's teammates, teams and attributes (from Intercom), with the automatic matches. Read on demand
// and kept a minute per migration, so paging through the search does not re-read both sides every time.
import type { IntercomClient } from '../../intercom/index.js';
import type { Agent, EntityName, EntityRecordMap, FieldDefinition, Group } from '../../model/canonical.js';
import type { MigrationSettings } from '../../settings/settings.js';
import type { SourceConnector } from '../../sources/connector.js';
import { matchAgents, matchFields, matchGroups } from '../../transform/matching.js';
import type { IntercomAdmin, IntercomAttribute, IntercomTeam } from '../../transform/reference.js';

export interface MappingCatalog {
  agents: Agent[];
  groups: Group[];
  fields: FieldDefinition[];
  admins: IntercomAdmin[];
  teams: IntercomTeam[];
  attributes: IntercomAttribute[];
  /** Automatic matches: agent id → admin id, group id → team id, "scope:key" → attribute name. */
  auto: { agents: Map<string, string>; groups: Map<string, string>; fields: Map<string, string> };
  summaries: string[];
}

async function readAll<E extends EntityName>(c: SourceConnector, name: E, signal: AbortSignal) {
  const out: EntityRecordMap[E][] = [];
  for await (const page of c.streams[name]?.read({ signal }) ?? []) out.push(...page.records);
  return out;
}

async function attributesFor(intercom: IntercomClient, target: MigrationSettings['target']) {
  const models = [
    'contact',
    'company',
    ...(target === 'conversations' ? (['conversation'] as const) : []),
  ] as const;
  const out: IntercomAttribute[] = [];
  for (const model of models)
    for (const a of await intercom.listDataAttributes(model))
      out.push({ name: a.name, label: a.label ?? null, model, dataType: a.data_type });
  return out;
}

export async function loadCatalog(
  connector: SourceConnector,
  intercom: IntercomClient,
  settings: MigrationSettings,
  signal: AbortSignal,
): Promise<MappingCatalog> {
  const [agents, groups, ticketFields, contactFields, companyFields, admins, teams, attributes] =
    await Promise.all([
      readAll(connector, 'agents', signal),
      readAll(connector, 'groups', signal),
      readAll(connector, 'ticket_fields', signal),
      readAll(connector, 'contact_fields', signal),
      readAll(connector, 'company_fields', signal),
      intercom.listAdmins(),
      intercom.listTeams(),
      attributesFor(intercom, settings.target),
    ]);
  const toAdmin = (a: { id: string | number; name?: string | null; email?: string | null }) => ({
    id: String(a.id),
    name: a.name ?? String(a.id),
    email: a.email ?? null,
  });
  const adminList = admins.map(toAdmin);
  const teamList = teams.map((t) => ({ id: String(t.id), name: t.name ?? String(t.id) }));
  const fields = [...ticketFields, ...contactFields, ...companyFields].filter(
    (f) => !f.system && f.type !== 'partialcreditcard',
  );
  const a = matchAgents(agents, adminList);
  const g = matchGroups(groups, teamList);
  const f = matchFields(fields, attributes, settings.target);
  return {
    agents,
    groups,
    fields,
    admins: adminList,
    teams: teamList,
    attributes,
    auto: {
      agents: new Map(a.matched.map((m) => [m.source.id, m.target.id])),
      groups: new Map(g.matched.map((m) => [m.source.id, m.target.id])),
      fields: new Map(f.matched.map((m) => [`${m.source.scope}:${m.source.key}`, m.target.name])),
    },
    summaries: [a.summary, g.summary, f.summary],
  };
}
