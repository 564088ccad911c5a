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
  // Fields the admin mapped, and those they left out in the console, stay as they are.
  const known = new Set([...m.fields.map((f) => `${f.scope}:${f.key}`), ...m.leftOut]);
  const added = autoFieldMappings(fields, settings.options.createMissingAttributes).filter(
    (f) => !known.has(`${f.scope}:${f.key}`),
  );
  const next: MigrationSettings = {
    ...settings,
    mappings: { ...m, agents: agentMap, groups: groupMap, fields: [...m.fields, ...added] },
  };
  const snapshot: DirectorySnapshot = {
    agentIds: source.agents.map((a) => a.id),
    groupIds: source.groups.map((g) => g.id),
    fieldIds: [...fields.matched.map((x) => x.source), ...fields.unmatched].map((f) => `${f.scope}:${f.key}`),
    attributes: intercom.attributes.flatMap((a) => [
      `${a.model}:${a.name}`,
      ...(a.label ? [`${a.model}:${a.label}`] : []),
    ]),
    admins: Object.fromEntries(intercom.admins.map((a) => [a.id, a.name])),
  };
  return { settings: next, summary: { ...summarize(next, snapshot), snapshot } };
}

/** What the last matching saw of both sides: enough to summarise the saved mapping at any time. */
export interface DirectorySnapshot {
  agentIds: string[];
  groupIds: string[];
  /** The source's custom fields, "scope:key". */
  fieldIds: string[];
  /** Intercom's attributes, "model:name" (and "model:label"). */
  attributes: string[];
  /** Intercom admin id → name. */
  admins: Record<string, string>;
}

/**
 * The mapping as saved (console choices included): agents and groups with a target, mapped fields, the
 * fallback teammate, and the mapped attributes Intercom does not have yet.
 */
export function summarize(
  settings: MigrationSettings,
  seen: DirectorySnapshot,
): Omit<NonNullable<WizardProgress['mapping']>, 'snapshot'> {
  const m = settings.mappings;
  const mapped = (ids: string[], map: Record<string, string | null>) => ids.filter((id) => map[id]).length;
  const fieldIds = new Set(seen.fieldIds);
  const fields = m.fields.filter((f) => fieldIds.has(`${f.scope}:${f.key}`));
  const attributes = new Set(seen.attributes);
  const mappedIds = new Set(fields.map((f) => `${f.scope}:${f.key}`));
  const leftOut = new Set(m.leftOut);
  // Missing: mapped fields whose attribute Intercom lacks, and (until "create the missing attributes" is on)
  // the fields no attribute matched that the admin did not leave out.
  const missing = [
    ...fields.filter((f) => !attributes.has(`${attributeModelFor(f.scope, settings.target)}:${f.attribute}`)),
    ...(settings.options.createMissingAttributes
      ? []
      : seen.fieldIds.filter((id) => !mappedIds.has(id) && !leftOut.has(id))),
  ];
  return {
    agents: { matched: mapped(seen.agentIds, m.agents), total: seen.agentIds.length },
    groups: { matched: mapped(seen.groupIds, m.groups), total: seen.groupIds.length },
    fields: { matched: fields.length, total: seen.fieldIds.length },
    fallback: m.fallbackAdminId ? (seen.admins[m.fallbackAdminId] ?? null) : null,
    missingAttributes: missing.length,
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
