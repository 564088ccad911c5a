// Source custom-field values → Intercom attribute values, typed per DESIGN.md's "Custom fields" table.
// Dates go out as Unix seconds ("All temporal fields in the API are encoded as Unix timestamps in seconds",
// Intercom's object model); ticket-type list values are list item ids (2.16 ticket_request_custom_attributes).
import type { FieldDefinition, FieldType } from '../model/canonical.js';
import type { AttributeValue } from './intercom-bodies.js';

/** Where the value lands: a ticket-type attribute, a conversation attribute or a contact/company data attribute. */
export type AttributeModel = 'ticket' | 'conversation' | 'contact' | 'company';

export type IntercomAttributeType =
  'string' | 'multiline' | 'boolean' | 'integer' | 'decimal' | 'float' | 'datetime' | 'date' | 'list';

export const SENSITIVE_FIELD = 'sensitive field';

/** The Intercom type a source field becomes, or null for fields that are never migrated. */
export function attributeTypeFor(type: FieldType, model: AttributeModel): IntercomAttributeType | null {
  const onTicket = model === 'ticket' || model === 'conversation';
  switch (type) {
    case 'partialcreditcard':
      return null;
    case 'textarea':
      return onTicket ? 'multiline' : 'string';
    case 'checkbox':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'decimal':
      return onTicket ? 'decimal' : 'float';
    case 'date':
      return onTicket ? 'datetime' : 'date';
    case 'dropdown':
      return onTicket ? 'list' : 'string';
    default:
      // text, regexp, multiselect, lookup, nested, other
      return 'string';
  }
}

export type FieldValueResult =
  { kind: 'value'; value: AttributeValue } | { kind: 'empty' } | { kind: 'skipped'; reason: string };

const empty: FieldValueResult = { kind: 'empty' };
const skipped = (reason: string): FieldValueResult => ({ kind: 'skipped', reason });

function isBlank(raw: unknown): boolean {
  return (
    raw === null ||
    raw === undefined ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

function scalarText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (raw && typeof raw === 'object' && 'name' in raw && typeof raw.name === 'string') return raw.name;
  return JSON.stringify(raw);
}

/** The option's label for a stored value (dropdowns store the option's value/tag). */
export function optionLabel(def: FieldDefinition, raw: unknown): string {
  const text = scalarText(raw);
  return def.options.find((o) => o.value === text)?.label ?? text;
}

/** "A::B::C", ["A","B","C"] or {category, subcategory, item} → "A > B > C". */
function nestedPath(def: FieldDefinition, raw: unknown): string {
  let parts: unknown[];
  if (Array.isArray(raw)) parts = raw;
  else if (raw && typeof raw === 'object' && !('name' in raw)) parts = Object.values(raw);
  else parts = optionLabel(def, raw).split('::');
  return parts
    .filter((p) => !isBlank(p))
    .map((p) => scalarText(p).trim())
    .join(' > ');
}

function toBoolean(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === '1' || raw === 'true') return true;
  if (raw === 0 || raw === '0' || raw === 'false') return false;
  return null;
}

function toNumber(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** "2024-05-01" (midnight UTC) or any ISO date-time → Unix seconds. */
function toDateSeconds(raw: unknown): number | null {
  if (typeof raw !== 'string') return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? `${raw.trim()}T00:00:00Z` : raw.trim();
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/**
 * An option label as a list item of an Intercom list attribute. 2.16 takes a list attribute's items as ONE
 * comma-delimited string (create/update_ticket_type_attribute_request.list_items) and documents no escape,
 * so a comma inside a label would split it in two: it becomes U+201A "‚" (single low-9 quotation mark),
 * which reads as a comma, and the value is found again through the same form.
 */
export function listItemLabel(label: string): string {
  return label.replace(/,/g, '\u201a').trim();
}

/** The list item id of an option label: the label as sent, else the same label ignoring case and spaces. */
export function listItemIdOf(
  listItemIds: Readonly<Record<string, string>> | undefined,
  label: string,
): string | undefined {
  if (!listItemIds) return undefined;
  const wanted = listItemLabel(label);
  const exact = listItemIds[wanted] ?? listItemIds[label];
  if (exact !== undefined) return exact;
  const loose = (l: string) => listItemLabel(l).toLowerCase().replace(/\s+/g, ' ');
  return Object.entries(listItemIds).find(([l]) => loose(l) === loose(label))?.[1];
}

/**
 * Converts one stored value. `listItemIds` (option label → list item id) is needed for ticket-type list
 * attributes only.
 */
export function toAttributeValue(
  def: FieldDefinition,
  raw: unknown,
  model: AttributeModel,
  listItemIds?: Readonly<Record<string, string>>,
): FieldValueResult {
  const type = attributeTypeFor(def.type, model);
  if (type === null) return skipped(SENSITIVE_FIELD);
  if (isBlank(raw)) return empty;
  const invalid = () => skipped(`"${scalarText(raw)}" is not a valid ${def.rawType} value for ${def.title}`);
  switch (type) {
    case 'boolean': {
      const b = toBoolean(raw);
      return b === null ? invalid() : { kind: 'value', value: b };
    }
    case 'integer': {
      const n = toNumber(raw);
      return n === null || !Number.isInteger(n) ? invalid() : { kind: 'value', value: n };
    }
    case 'decimal':
    case 'float': {
      const n = toNumber(raw);
      return n === null ? invalid() : { kind: 'value', value: n };
    }
    case 'datetime':
    case 'date': {
      const s = toDateSeconds(raw);
      return s === null ? invalid() : { kind: 'value', value: s };
    }
    case 'list': {
      const label = optionLabel(def, raw);
      if (model === 'conversation') return { kind: 'value', value: label };
      const itemId = listItemIdOf(listItemIds, label);
      return itemId === undefined
        ? skipped(
            `option "${label}" of ${def.title} is not in the Intercom list attribute (add it there, or let Ferry add missing options, then run again)`,
          )
        : { kind: 'value', value: itemId };
    }
    default:
      return { kind: 'value', value: stringValue(def, raw) };
  }
}

/** The text form of a value for string attributes (and for notes). */
export function stringValue(def: FieldDefinition, raw: unknown): string {
  switch (def.type) {
    case 'dropdown':
      return optionLabel(def, raw);
    case 'multiselect':
      return (Array.isArray(raw) ? raw : [raw]).map((v) => optionLabel(def, v)).join(', ');
    case 'nested':
      return nestedPath(def, raw);
    default:
      return Array.isArray(raw) ? raw.map(scalarText).join(', ') : scalarText(raw);
  }
}
