// Settings for `ferry migrate` without --settings: agents by e-mail (the engine's default resolution), groups
// to teams by name, custom fields to attributes by name with missing attributes created; the fallback
// teammate is the token's own admin (the engine's default when fallbackAdminId is null).
import type { IntercomClient } from '../intercom/index.js';
import type { EntityName, EntityRecordMap } from '../model/canonical.js';
import type { MigrationSettings } from '../settings/settings.js';
import type { SourceConnector } from '../sources/connector.js';
import {
  attributeModelFor,
  autoFieldMappings,
  matchAgents,
  matchFields,
  matchGroups,
} from '../transform/matching.js';
import type { IntercomAttribute } from '../transform/reference.js';

async function readAll<E extends EntityName>(
  connector: SourceConnector,
  name: E,
  signal?: AbortSignal,
): Promise<EntityRecordMap[E][]> {
  const stream = connector.streams[name];
  const out: EntityRecordMap[E][] = [];
  if (!stream) return out;
  for await (const page of stream.read(signal ? { signal } : {})) out.push(...page.records);
  return out;
}

/** The attributes a source field can land in, given where tickets go. */
async function intercomAttributes(
  intercom: IntercomClient,
  settings: MigrationSettings,
): Promise<IntercomAttribute[]> {
  const out: IntercomAttribute[] = [];
  for (const model of ['contact', 'company'] as const) {
    for (const a of await intercom.listDataAttributes(model))
      out.push({ name: a.name, label: a.label ?? null, model, dataType: a.data_type });
  }
  const ticketModel = attributeModelFor('ticket', settings.target);
  if (ticketModel === 'conversation') {
    // 2.16: GET /data_attributes?model=conversation answers 422; conversation attributes have their own list.
    for (const a of await intercom.listConversationAttributes())
      if (!a.archived) out.push({ name: a.name, label: null, model: 'conversation', dataType: a.data_type });
  } else {
    const wanted = settings.ticketTypeName.trim().toLowerCase();
    const type = (await intercom.listTicketTypes()).find((t) =>
      settings.ticketTypeId !== null
        ? t.id === settings.ticketTypeId
        : !t.archived && t.name.trim().toLowerCase() === wanted,
    );
    for (const a of type?.ticket_type_attributes?.ticket_type_attributes ?? [])
      if (!a.archived) out.push({ name: a.name, model: 'ticket', dataType: a.data_type });
  }
  return out;
}

export interface AutoSettings {
  settings: MigrationSettings;
  /** "42 of 45 agents matched by e-mail", … for the terminal. */
  summary: string[];
}

/** Fills the mappings of `base` automatically; every other setting is kept. */
export async function autoMapSettings(
  base: MigrationSettings,
  connector: SourceConnector,
  intercom: IntercomClient,
  signal?: AbortSignal,
): Promise<AutoSettings> {
  const [agents, groups, ticketFields, contactFields, companyFields] = await Promise.all([
    readAll(connector, 'agents', signal),
    readAll(connector, 'groups', signal),
    readAll(connector, 'ticket_fields', signal),
    readAll(connector, 'contact_fields', signal),
    readAll(connector, 'company_fields', signal),
  ]);
  const [admins, teams, attributes] = await Promise.all([
    intercom.listAdmins(),
    intercom.listTeams(),
    intercomAttributes(intercom, base),
  ]);
  const agentMatch = matchAgents(
    agents,
    admins.map((a) => ({ id: a.id, name: a.name ?? '', email: a.email ?? null })),
  );
  const groupMatch = matchGroups(groups, teams);
  const fieldMatch = matchFields(
    [...ticketFields, ...contactFields, ...companyFields],
    attributes,
    base.target,
  );
  const fields = autoFieldMappings(fieldMatch, base.options.createMissingAttributes);
  const created = fields.filter((f) => f.create).length;
  return {
    settings: {
      ...base,
      mappings: {
        ...base.mappings,
        groups: Object.fromEntries(groupMatch.matched.map((m) => [m.source.id, m.target.id])),
        fields,
      },
    },
    summary: [
      `${agentMatch.summary} (the others write as the token's own teammate)`,
      groupMatch.summary,
      `${fieldMatch.summary}${created > 0 ? `, ${created} to new attributes` : ''}`,
    ],
  };
}
