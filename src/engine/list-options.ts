// Ticket-type list attributes and their options. Values of a list attribute are sent as list item ids, read
// back from the ticket type (2.16 ticket_request_custom_attributes: "the list item id, obtainable by listing
// the ticket type"); a source option the attribute lacks is added when the settings allow, else every value
// of it is left off with a reason on its ticket.
import { z } from 'zod';
import type { FieldDefinition } from '../model/canonical.js';
import type { TicketType } from '../intercom/schemas.js';
import { listLabels } from '../transform/attribute-definitions.js';
import { listItemIdOf } from '../transform/field-value.js';
import type { StageContext } from './context.js';

// input_options is typed as a bare object in 2.16; a list attribute's holds list_options [{id, label}].
const listOption = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String).nullish(),
  label: z.string(),
  archived: z.boolean().nullish(),
});
const listOptionsSchema = z.looseObject({
  input_options: z.looseObject({ list_options: z.array(listOption) }).nullish(),
});

type Attribute = NonNullable<TicketType['ticket_type_attributes']>['ticket_type_attributes'][number];

/** A list attribute's options as Intercom lists them (archived ones left out). */
function optionsOf(a: Attribute): z.infer<typeof listOption>[] {
  const parsed = listOptionsSchema.safeParse(a);
  return (parsed.success ? (parsed.data.input_options?.list_options ?? []) : []).filter((o) => !o.archived);
}

/**
 * List attributes: attribute name → option label → list item id. An attribute whose options come back
 * without ids gets a note: none of its values can be sent.
 */
export function listItemIds(
  attributes: readonly Attribute[],
  notes: string[],
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const a of attributes) {
    if (a.data_type !== 'list' || a.archived) continue;
    const options = optionsOf(a);
    const withIds = options.filter((o): o is typeof o & { id: string } => typeof o.id === 'string');
    if (options.length > 0 && withIds.length === 0)
      notes.push(
        `ticket attribute ${a.name}: Intercom lists its options without ids, so no value can be set`,
      );
    out[a.name] = Object.fromEntries(withIds.map((o) => [o.label, o.id]));
  }
  return out;
}

/**
 * Adds to the mapped list attributes of the ticket type the source options they lack (PUT …/attributes/{id}
 * with every item: the description calls list_items "a comma delimited list of items for the attribute",
 * without saying whether an update adds to or replaces them, so the items it has are sent again with the
 * new ones). Without the settings' leave, a note per attribute names the missing options. True when it
 * changed the ticket type (the caller reads it again).
 */
export async function addMissingListOptions(
  ctx: Pick<StageContext, 'intercom' | 'settings'>,
  type: TicketType,
  fieldOf: (scope: FieldDefinition['scope'], key: string) => FieldDefinition | undefined,
  notes: string[],
): Promise<boolean> {
  const { settings } = ctx;
  const allowed = settings.options.createMissingAttributes && settings.options.addMissingListOptions;
  const attributes = type.ticket_type_attributes?.ticket_type_attributes ?? [];
  let changed = false;
  for (const m of settings.mappings.fields.filter((f) => f.scope === 'ticket')) {
    const a = attributes.find((x) => x.name === m.attribute && !x.archived && x.data_type === 'list');
    const def = fieldOf('ticket', m.key);
    if (!a || !def) continue;
    const have = optionsOf(a);
    const known = Object.fromEntries(have.map((o) => [o.label, o.id ?? '']));
    const missing = listLabels(def).filter((l) => listItemIdOf(known, l) === undefined);
    if (missing.length === 0) continue;
    if (!allowed) {
      notes.push(
        `ticket attribute ${a.name} lacks the options ${missing.map((l) => `"${l}"`).join(', ')}: their values are left off (allow Ferry to add missing options, or add them in Intercom)`,
      );
      continue;
    }
    await ctx.intercom.updateTicketTypeAttribute(type.id, a.id, {
      list_items: [...have.map((o) => o.label), ...missing].join(','),
    });
    changed = true;
  }
  return changed;
}
