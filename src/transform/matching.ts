// Auto-matching for the CLI and the wizard: agents to teammates by e-mail, groups to teams by name, fields to
// attributes by name — each returning matched and unmatched, so the screen can say "42 of 45 agents matched".
import type { Agent, FieldDefinition, Group } from '../model/canonical.js';
import type { FieldMapping } from '../settings/settings.js';
import type { IntercomAdmin, IntercomAttribute, IntercomTeam } from './reference.js';

export interface MatchResult<S, T> {
  matched: { source: S; target: T }[];
  unmatched: S[];
  /** "42 of 45 agents matched by e-mail" */
  summary: string;
}

/** Case- and whitespace-insensitive key. */
export function matchKey(text: string | null | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function matchBy<S, T>(
  sources: readonly S[],
  targets: readonly T[],
  sourceKeys: (s: S) => (string | null | undefined)[],
  targetKeys: (t: T) => (string | null | undefined)[],
  noun: string,
  how: string,
): MatchResult<S, T> {
  const index = new Map<string, T>();
  for (const t of targets) {
    for (const k of targetKeys(t).map(matchKey)) if (k !== '' && !index.has(k)) index.set(k, t);
  }
  const matched: { source: S; target: T }[] = [];
  const unmatched: S[] = [];
  for (const s of sources) {
    const hit = sourceKeys(s)
      .map(matchKey)
      .map((k) => (k === '' ? undefined : index.get(k)))
      .find((t) => t !== undefined);
    if (hit === undefined) unmatched.push(s);
    else matched.push({ source: s, target: hit });
  }
  return { matched, unmatched, summary: `${matched.length} of ${sources.length} ${noun} matched by ${how}` };
}

export function matchAgents(
  agents: readonly Agent[],
  admins: readonly IntercomAdmin[],
): MatchResult<Agent, IntercomAdmin> {
  return matchBy(
    agents,
    admins,
    (a) => [a.email],
    (t) => [t.email],
    'agents',
    'e-mail',
  );
}

export function matchGroups(
  groups: readonly Group[],
  teams: readonly IntercomTeam[],
): MatchResult<Group, IntercomTeam> {
  return matchBy(
    groups,
    teams,
    (g) => [g.name],
    (t) => [t.name],
    'groups',
    'name',
  );
}

/** The Intercom model a source field's values go to, given the ticket target. */
export function attributeModelFor(
  scope: FieldDefinition['scope'],
  target: 'tickets' | 'conversations',
): IntercomAttribute['model'] {
  if (scope === 'ticket') return target === 'tickets' ? 'ticket' : 'conversation';
  return scope;
}

/** Fields to attributes of the same model, by title (or key) against name (or label). System fields are left out. */
/**
 * The custom fields an admin maps to attributes (system fields and sensitive ones never move). Connect's
 * "Custom fields" count and the mapping's "of N fields" are both this list's length.
 */
export function mappableFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => !f.system && f.type !== 'partialcreditcard');
}

export function matchFields(
  fields: readonly FieldDefinition[],
  attributes: readonly IntercomAttribute[],
  target: 'tickets' | 'conversations',
): MatchResult<FieldDefinition, IntercomAttribute> {
  const custom = mappableFields(fields);
  const results = (['ticket', 'contact', 'company'] as const).map((scope) =>
    matchBy(
      custom.filter((f) => f.scope === scope),
      attributes.filter((a) => a.model === attributeModelFor(scope, target)),
      (f) => [f.title, f.key],
      (a) => [a.name, a.label],
      'fields',
      'name',
    ),
  );
  const matched = results.flatMap((r) => r.matched);
  const unmatched = results.flatMap((r) => r.unmatched);
  return { matched, unmatched, summary: `${matched.length} of ${custom.length} fields matched by name` };
}

/**
 * The CLI's automatic field mappings: matched fields to their attribute, the rest to a new attribute named
 * after the field's title (created when `createMissing`).
 */
export function autoFieldMappings(
  result: MatchResult<FieldDefinition, IntercomAttribute>,
  createMissing: boolean,
): FieldMapping[] {
  const matched = result.matched.map(({ source, target }) => ({
    scope: source.scope,
    key: source.key,
    attribute: target.name,
    create: false,
  }));
  const missing = createMissing
    ? result.unmatched
        .filter((f) => f.title.trim() !== '')
        .map((f) => ({ scope: f.scope, key: f.key, attribute: f.title.trim(), create: true }))
    : [];
  return [...matched, ...missing];
}
