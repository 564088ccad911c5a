// A record's custom-field values → the mapped Intercom attributes, with a note for every value left off.
import type { FieldDefinition } from '../model/canonical.js';
import type { AttributeValue } from './intercom-bodies.js';
import type { ReferenceData } from './reference.js';
import { toAttributeValue, type AttributeModel } from './field-value.js';

export interface MappedAttributes {
  attributes: Record<string, AttributeValue>;
  /** Values not written, each with its reason ("Region: sensitive field"). */
  notes: string[];
}

/** The field definition for a mapped (scope, key), if the source still has it. */
export function findField(
  fields: readonly FieldDefinition[],
  scope: FieldDefinition['scope'],
  key: string,
): FieldDefinition | undefined {
  return fields.find((f) => f.scope === scope && f.key === key);
}

/** A field's stored value; a nested field with its levels under their own keys gives [A, B, C]. */
export function fieldValue(def: FieldDefinition, values: Readonly<Record<string, unknown>>): unknown {
  const raw = values[def.key];
  if (def.type !== 'nested' || !def.levelKeys?.length) return raw;
  return [raw, ...def.levelKeys.map((k) => values[k])];
}

export function mapCustomFields(
  values: Readonly<Record<string, unknown>>,
  scope: FieldDefinition['scope'],
  model: AttributeModel,
  ref: Pick<ReferenceData, 'settings' | 'fields' | 'ticketType'>,
): MappedAttributes {
  const attributes: Record<string, AttributeValue> = {};
  const notes: string[] = [];
  for (const mapping of ref.settings.mappings.fields) {
    if (mapping.scope !== scope || !(mapping.key in values)) continue;
    const def = findField(ref.fields, scope, mapping.key);
    if (!def) {
      notes.push(`${mapping.key}: the source no longer defines this field`);
      continue;
    }
    const listItems = model === 'ticket' ? ref.ticketType?.listItemIds[mapping.attribute] : undefined;
    const result = toAttributeValue(def, fieldValue(def, values), model, listItems);
    if (result.kind === 'value') attributes[mapping.attribute] = result.value;
    else if (result.kind === 'skipped') notes.push(`${def.title}: ${result.reason}`);
  }
  return { attributes, notes };
}
