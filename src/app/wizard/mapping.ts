// Auto-matching for the mapping summary and the checklist's verified items: agents → teammates by e-mail,
// groups → teams by name, fields → attributes by name (src/transform/matching.ts). Choices already in the
// settings (made in the console) are kept; matching only fills what is still open.
import type { MigrationSettings } from '../../settings/settings.js';
import {
  attributeModelFor,
  autoFieldMappings,
  matchAgents,
  matchFields,
  matchGroups,
} from '../../transform/matching.js';
import type { IntercomDirectory, SourceCatalogue } from './ports.js';
import type { WizardProgress } from './progress.js';

export function applyMatches(
  settings: MigrationSettings,
  source: SourceCatalogue,
  intercom: IntercomDirectory,
): { settings: MigrationSettings; summary: NonNullable<WizardProgress['mapping']> } {
  const agents = matchAgents(source.agents, intercom.admins);
  const groups = matchGroups(source.groups, intercom.teams);
  const fields = matchFields(source.fields, intercom.attributes, settings.target);
  const m = settings.mappings;
  const agentMap = { ...m.agents };
  for (const { source: a, target } of agents.matched) if (!(a.id in agentMap)) agentMap[a.id] = target.id;
  const groupMap = { ...m.groups };
  for (const { source: g, target } of groups.matched) if (!(g.id in groupMap)) groupMap[g.id] = target.id;
  const known = new Set(m.fields.map((f) => `${f.scope}:${f.key}`));
  const added = autoFieldMappings(fields, settings.options.createMissingAttributes).filter(
    (f) => !known.has(`${f.scope}:${f.key}`),
  );
  const fallbackId = m.fallbackAdminId;
  const fallback = fallbackId ? (intercom.admins.find((a) => a.id === fallbackId)?.name ?? null) : null;
  return {
    settings: {
      ...settings,
      mappings: { ...m, agents: agentMap, groups: groupMap, fields: [...m.fields, ...added] },
    },
    summary: {
      agents: { matched: agents.matched.length, total: source.agents.length },
      groups: { matched: groups.matched.length, total: source.groups.length },
      fields: { matched: fields.matched.length, total: fields.matched.length + fields.unmatched.length },
      fallback,
      missingAttributes: fields.unmatched.filter((f) => f.title.trim() !== '').length,
    },
  };
}

/** Ferry's verified checklist items: every mapped teammate exists; every mapped attribute exists (or will be created). */
export function verify(settings: MigrationSettings, intercom: IntercomDirectory): WizardProgress['verified'] {
  const admins = new Set(intercom.admins.map((a) => a.id));
  const mappedAdmins = [...Object.values(settings.mappings.agents), settings.mappings.fallbackAdminId];
  const teammates = mappedAdmins.every((id) => id === null || admins.has(id));
  const attributes = settings.mappings.fields.every((f) =>
    intercom.attributes.some(
      (a) =>
        a.model === attributeModelFor(f.scope, settings.target) &&
        (a.name === f.attribute || a.label === f.attribute),
    ),
  );
  return { teammates, attributes };
}
