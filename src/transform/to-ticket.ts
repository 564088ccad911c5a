// Tickets → Intercom tickets of the chosen ticket type. 2.16: POST /tickets takes ticket_type_id, one contact,
// created_at, company_id, ticket_attributes (title and description under `_default_title_` and
// `_default_description_`, list values as item ids) and assignment, plus skip_notifications; the state is set
// afterwards with PUT /tickets/{id} ticket_state_id (ticket states belong to the ticket type, by category).
import type { Ticket, TicketStatus } from '../model/canonical.js';
import type { MigrationSettings } from '../settings/settings.js';
import type { TicketCreateBody, TicketUpdateBody } from './intercom-bodies.js';
import type { ReferenceData, TicketStateCategory } from './reference.js';
import type { Mapped } from './to-contact.js';
import { assigneeAdminId } from './author.js';
import { mapCustomFields } from './custom-attributes.js';
import { FERRY_SOURCE_ID, sourceRef, toUnixSeconds } from './source-ref.js';

export const TITLE_ATTRIBUTE = '_default_title_';
export const DESCRIPTION_ATTRIBUTE = '_default_description_';

/** "subject", or "[#123] subject" with oldIdInSubject; "Ticket #123" for an empty subject. */
export function ticketTitle(ticket: Pick<Ticket, 'number' | 'subject'>, settings: MigrationSettings): string {
  const subject = ticket.subject.trim() || `Ticket #${ticket.number}`;
  return settings.options.oldIdInSubject ? `[#${ticket.number}] ${subject}` : subject;
}

const CATEGORY: Record<TicketStatus, TicketStateCategory> = {
  new: 'submitted',
  open: 'in_progress',
  pending: 'waiting_on_customer',
  hold: 'in_progress',
  solved: 'resolved',
  closed: 'resolved',
  deleted: 'resolved',
};

/** The Intercom ticket-state category of a source status. */
export function ticketStateCategory(status: TicketStatus): TicketStateCategory {
  return CATEGORY[status];
}

/** The ticket-type attribute a status label goes to when no Intercom ticket state bears it. */
export const SOURCE_STATUS = 'Source status';

// Zendesk's default custom statuses are named after their category; all but "On-hold" say no more than the
// Intercom state of that category does (open → in progress, pending → waiting on customer, solved → resolved).
const PLAIN_LABELS = new Set(['new', 'open', 'pending', 'solved', 'closed']);

/** Labels compared as a person reads them: "On-hold" is "On hold". */
const normalLabel = (label: string): string =>
  label
    .toLowerCase()
    .replace(/[\s\-_]+/g, ' ')
    .trim();

/** The status label worth keeping (a custom status such as "On-hold"), or null. */
export function customStatusLabel(ticket: Pick<Ticket, 'statusLabel'>): string | null {
  const label = ticket.statusLabel?.trim();
  return label && !PLAIN_LABELS.has(normalLabel(label)) ? label : null;
}

/** Where a custom status label goes: an attribute value, or a note saying why it was left off. */
function statusLabelKept(
  ticket: Pick<Ticket, 'status' | 'rawStatus' | 'statusLabel'>,
  ref: Pick<ReferenceData, 'ticketType'>,
  model: 'ticket' | 'conversation',
): { attribute: [string, string] | null; note: string | null } {
  const label = customStatusLabel(ticket);
  if (label === null) return { attribute: null, note: null };
  if (model === 'conversation')
    return {
      attribute: null,
      note: `status "${label}": an Intercom conversation is only open, snoozed or closed, so the label is left off`,
    };
  if (stateByLabel(ref, label)) return { attribute: null, note: null };
  const attribute = ref.ticketType?.statusAttribute;
  return attribute
    ? { attribute: [attribute, label], note: null }
    : {
        attribute: null,
        note: `status "${label}" is left off: no ticket state bears that name and the ticket type has no "${SOURCE_STATUS}" attribute (let Ferry create missing attributes, then run again)`,
      };
}

/** A ticket state of the type named `label` (any category). */
function stateByLabel(ref: Pick<ReferenceData, 'ticketType'>, label: string) {
  return ref.ticketType?.states.find((s) => normalLabel(s.label) === normalLabel(label));
}

/** The team a source group maps to (null: no team). */
export function teamIdFor(groupId: string | null, settings: MigrationSettings): string | null {
  return groupId === null ? null : (settings.mappings.groups[groupId] ?? null);
}

export interface TicketResolved {
  /** Intercom id of the requester's contact (an agent requester's contact included). */
  requesterContactId: string;
  /** Intercom id of the ticket's company, when it was migrated. */
  companyId: string | null;
}

type TicketRef = Pick<
  ReferenceData,
  'platform' | 'settings' | 'fields' | 'ticketType' | 'agents' | 'admins' | 'fallbackAdminId'
>;

/** The ticket's own attributes: title, description, mapped fields and ferry_source_id. */
export function ticketAttributes(ticket: Ticket, ref: TicketRef, model: 'ticket' | 'conversation') {
  const mapped = mapCustomFields(ticket.customFields, 'ticket', model, ref);
  const status = statusLabelKept(ticket, ref, model);
  return {
    attributes: {
      ...mapped.attributes,
      ...(status.attribute ? { [status.attribute[0]]: status.attribute[1] } : {}),
      [FERRY_SOURCE_ID]: sourceRef(ref.platform, ticket.id),
    },
    notes: status.note ? [...mapped.notes, status.note] : mapped.notes,
  };
}

export function toTicketCreate(
  ticket: Ticket,
  ref: TicketRef,
  resolved: TicketResolved,
): Mapped<TicketCreateBody> {
  if (!ref.ticketType) throw new Error('toTicketCreate needs the resolved ticket type');
  const { attributes, notes } = ticketAttributes(ticket, ref, 'ticket');
  const admin = assigneeAdminId(ticket.assigneeId, ref);
  const team = teamIdFor(ticket.groupId, ref.settings);
  if (ticket.assigneeId !== null && admin === null)
    notes.push(`assignee ${ticket.assigneeId} has no teammate: left unassigned`);
  const description = ticket.description.trim();
  return {
    body: {
      ticket_type_id: ref.ticketType.id,
      contacts: [{ id: resolved.requesterContactId }],
      created_at: toUnixSeconds(ticket.createdAt),
      ...(resolved.companyId ? { company_id: resolved.companyId } : {}),
      ticket_attributes: {
        [TITLE_ATTRIBUTE]: ticketTitle(ticket, ref.settings),
        ...(description ? { [DESCRIPTION_ATTRIBUTE]: description } : {}),
        ...attributes,
      },
      ...(admin || team
        ? {
            assignment: {
              ...(admin ? { admin_assignee_id: admin } : {}),
              ...(team ? { team_assignee_id: team } : {}),
            },
          }
        : {}),
      skip_notifications: true,
    },
    notes,
  };
}

/**
 * The ticket_state_id for a status: the type's state of that category whose label matches, else (a custom
 * status label) any state bearing that label, else the category's first.
 */
export function ticketStateId(
  ticket: Pick<Ticket, 'status' | 'rawStatus' | 'statusLabel'>,
  ref: Pick<ReferenceData, 'ticketType'>,
): string | null {
  const category = ticketStateCategory(ticket.status);
  const states = ref.ticketType?.states.filter((s) => s.category === category) ?? [];
  const label = normalLabel(ticket.statusLabel ?? ticket.rawStatus);
  const byLabel = states.find((s) => normalLabel(s.label) === label);
  const custom = customStatusLabel(ticket);
  return (byLabel ?? (custom ? stateByLabel(ref, custom) : undefined) ?? states[0])?.id ?? null;
}

/**
 * PUT /tickets/{id} body: state (and, for a delta, the attributes again). Null when nothing is to change —
 * a new ticket starts in a "submitted" state, so a submitted status needs no update after creation.
 */
export function toTicketUpdate(
  ticket: Ticket,
  ref: TicketRef,
  options: { afterCreate: boolean },
): Mapped<TicketUpdateBody> | null {
  const stateId = ticketStateId(ticket, ref);
  const notes =
    stateId === null
      ? [`no ticket state of category ${ticketStateCategory(ticket.status)} in the ticket type`]
      : [];
  const needsState =
    stateId !== null && !(options.afterCreate && ticketStateCategory(ticket.status) === 'submitted');
  if (options.afterCreate) {
    return needsState ? { body: { ticket_state_id: stateId, skip_notifications: true }, notes } : null;
  }
  const { attributes, notes: attributeNotes } = ticketAttributes(ticket, ref, 'ticket');
  return {
    body: {
      ...(stateId ? { ticket_state_id: stateId } : {}),
      ticket_attributes: { [TITLE_ATTRIBUTE]: ticketTitle(ticket, ref.settings), ...attributes },
      skip_notifications: true,
    },
    notes: [...notes, ...attributeNotes],
  };
}
