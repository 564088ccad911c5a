// Attribute DEFINITIONS Ferry creates when the settings allow: contact/company data attributes, ticket-type
// attributes and conversation attributes, typed per DESIGN.md's table; plus ferry_source_id on each model.
// Data types per the 2.16 enums: create_data_attribute_request (string, integer, float, boolean, date, …),
// create_ticket_type_attribute_request and create_conversation_attribute_request (string, list, integer,
// decimal, boolean, datetime, …).
import type { FieldDefinition, Platform } from '../model/canonical.js';
import type {
  ConversationAttributeCreateBody,
  DataAttributeCreateBody,
  TicketTypeAttributeCreateBody,
  TicketTypeCreateBody,
} from './intercom-bodies.js';
import {
  attributeTypeFor,
  listItemLabel,
  SENSITIVE_FIELD,
  type IntercomAttributeType,
} from './field-value.js';
import { FERRY_SOURCE_ID } from './source-ref.js';
import { SOURCE_STATUS } from './to-ticket.js';

export type DefinitionResult<T> = { kind: 'create'; body: T } | { kind: 'skipped'; reason: string };

const PLATFORM_NAMES: Record<Platform, string> = { zendesk: 'Zendesk', freshdesk: 'Freshdesk' };

function describe(def: FieldDefinition, platform: Platform): string {
  return `${def.title} (migrated from ${PLATFORM_NAMES[platform]} ${def.rawType} field ${def.key})`;
}

/** POST /data_attributes body for a contact or company field. */
export function toDataAttributeCreate(
  def: FieldDefinition,
  name: string,
  platform: Platform,
): DefinitionResult<DataAttributeCreateBody> {
  const model = def.scope === 'company' ? 'company' : 'contact';
  const type = attributeTypeFor(def.type, model);
  if (type === null) return { kind: 'skipped', reason: SENSITIVE_FIELD };
  const dataType: DataAttributeCreateBody['data_type'] =
    type === 'boolean' || type === 'integer' || type === 'float' || type === 'date' ? type : 'string';
  return { kind: 'create', body: { name, model, data_type: dataType, description: describe(def, platform) } };
}

type TicketDataType = TicketTypeAttributeCreateBody['data_type'];

function ticketDataType(type: IntercomAttributeType): TicketDataType {
  if (type === 'multiline') return 'string';
  if (type === 'float') return 'decimal';
  if (type === 'date') return 'datetime';
  return type;
}

/** Option labels of a list attribute as Intercom's list items (listItemLabel: commas inside a label). */
export function listLabels(def: FieldDefinition): string[] {
  return [...new Set(def.options.map((o) => listItemLabel(o.label)).filter((l) => l !== ''))];
}

type CommonAttributeBody = Pick<
  ConversationAttributeCreateBody,
  'name' | 'description' | 'data_type' | 'multiline'
>;

/**
 * What ticket-type and conversation attributes share (same type enum, list options): the type, the
 * skips, the common fields; `finish` adds the model's own (`labels` is null unless the type is a list).
 */
function ticketFieldCreate<T>(
  def: FieldDefinition,
  name: string,
  platform: Platform,
  model: 'ticket' | 'conversation',
  finish: (common: CommonAttributeBody, labels: string[] | null) => T,
): DefinitionResult<T> {
  const type = attributeTypeFor(def.type, model);
  if (type === null) return { kind: 'skipped', reason: SENSITIVE_FIELD };
  const dataType = ticketDataType(type);
  // Conversation attribute options are objects (no delimiter to escape); ticket-type list items a string.
  const labels =
    model === 'ticket'
      ? listLabels(def)
      : [...new Set(def.options.map((o) => o.label.trim()).filter((l) => l !== ''))];
  if (dataType === 'list' && labels.length === 0)
    return { kind: 'skipped', reason: 'drop-down without options' };
  const common: CommonAttributeBody = {
    name,
    description: describe(def, platform),
    data_type: dataType,
    ...(type === 'multiline' ? { multiline: true } : {}),
  };
  return { kind: 'create', body: finish(common, dataType === 'list' ? labels : null) };
}

/** POST /ticket_types/{id}/attributes body for a ticket field. */
export function toTicketTypeAttributeCreate(
  def: FieldDefinition,
  name: string,
  platform: Platform,
): DefinitionResult<TicketTypeAttributeCreateBody> {
  return ticketFieldCreate(def, name, platform, 'ticket', (common, labels) => ({
    ...common,
    ...(labels ? { list_items: labels.join(',') } : {}),
    required_to_create: false,
    required_to_create_for_contacts: false,
    visible_on_create: true,
    visible_to_contacts: true,
  }));
}

/** POST /conversations/attributes body for a ticket field when tickets become conversations. */
export function toConversationAttributeCreate(
  def: FieldDefinition,
  name: string,
  platform: Platform,
): DefinitionResult<ConversationAttributeCreateBody> {
  return ticketFieldCreate(def, name, platform, 'conversation', (common, labels) => ({
    ...common,
    ...(labels ? { options: labels.map((label) => ({ label })) } : {}),
  }));
}

const SOURCE_ID_DESCRIPTION = 'Where Ferry migrated this record from ("<platform>:<id>")';

/** ferry_source_id as a contact or company data attribute. */
export function sourceIdDataAttribute(model: 'contact' | 'company'): DataAttributeCreateBody {
  return { name: FERRY_SOURCE_ID, model, data_type: 'string', description: SOURCE_ID_DESCRIPTION };
}

/** ferry_source_id as a ticket-type attribute (hidden from contacts). */
export function sourceIdTicketTypeAttribute(): TicketTypeAttributeCreateBody {
  return {
    name: FERRY_SOURCE_ID,
    description: SOURCE_ID_DESCRIPTION,
    data_type: 'string',
    required_to_create: false,
    required_to_create_for_contacts: false,
    visible_on_create: false,
    visible_to_contacts: false,
  };
}

/** SOURCE_STATUS: a custom status label no Intercom ticket state bears ("On-hold", "Waiting on vendor"). */
export function sourceStatusTicketTypeAttribute(platform: Platform): TicketTypeAttributeCreateBody {
  return {
    name: SOURCE_STATUS,
    description: `The ticket's status in ${PLATFORM_NAMES[platform]} where no Intercom ticket state bears its name (Ferry)`,
    data_type: 'string',
    required_to_create: false,
    required_to_create_for_contacts: false,
    visible_on_create: false,
    visible_to_contacts: false,
  };
}

/** ferry_source_id as a conversation attribute. */
export function sourceIdConversationAttribute(): ConversationAttributeCreateBody {
  return { name: FERRY_SOURCE_ID, description: SOURCE_ID_DESCRIPTION, data_type: 'string' };
}

/** POST /ticket_types body for the migration's ticket type. */
export function toTicketTypeCreate(name: string, platform: Platform): TicketTypeCreateBody {
  return {
    name,
    description: `Tickets migrated from ${PLATFORM_NAMES[platform]} by Ferry`,
    category: 'Customer',
    is_internal: false,
  };
}
