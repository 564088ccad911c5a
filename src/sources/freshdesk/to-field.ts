// Raw ticket/contact/company fields → canonical FieldDefinition (pure).
import type { FieldDefinition } from '../../model/canonical.js';
import type { RawField } from './raw-schemas.js';
import { CARRIED_DEFAULT_FIELDS, FIELD_TYPES } from './vocabulary.js';

type Option = FieldDefinition['options'][number];

/** Dropdown choices come as strings (ticket fields), {value} objects (contact/company) or a status map. */
export function toOptions(choices: unknown): Option[] {
  if (Array.isArray(choices)) {
    return choices.flatMap((c): Option[] => {
      if (typeof c === 'string') return [{ value: c, label: c }];
      if (c && typeof c === 'object' && 'value' in c) {
        const value = String((c as { value: unknown }).value);
        const label = 'label' in c ? String((c as { label: unknown }).label) : value;
        return [{ value, label }];
      }
      return [];
    });
  }
  if (choices && typeof choices === 'object') {
    // Status: {"2": ["Open", "Being Processed"]}; priority: {"Low": 1}; nested: {"A": {"B": ["C"]}}.
    return Object.entries(choices as Record<string, unknown>).map(([key, value]) => {
      if (Array.isArray(value) && typeof value[0] === 'string') return { value: key, label: value[0] };
      if (typeof value === 'number') return { value: String(value), label: key };
      return { value: key, label: key };
    });
  }
  return [];
}

export function toField(raw: RawField, scope: FieldDefinition['scope']): FieldDefinition {
  // Default fields Intercom has no place of its own for (mobile, company health score…) are carried like
  // custom ones: mappable, their values put among the record's custom fields by the connector.
  const carried = CARRIED_DEFAULT_FIELDS[scope][raw.name];
  const system = carried === undefined && (raw.default === true || raw.type.startsWith('default_'));
  const levelKeys = [...(raw.nested_ticket_fields ?? [])]
    .sort((a, b) => (a.level ?? 0) - (b.level ?? 0))
    .map((l) => l.name);
  return {
    id: raw.id,
    scope,
    key: raw.name,
    title: raw.label ?? raw.name,
    type: carried ?? FIELD_TYPES[raw.type] ?? 'other',
    rawType: raw.type,
    options: toOptions(raw.choices),
    active: true,
    system,
    ...(levelKeys.length > 0 ? { levelKeys } : {}),
  };
}
