// Freshdesk's numeric codes (developers.freshdesk.com/api/#ticket_attributes), shared by the mappers and the
// emulator so both read the same table.
import type { FieldType, Ticket } from '../../model/canonical.js';

/** Built-in statuses; 6 and up are an account's custom statuses ("Waiting on Customer" …). */
export const STATUS_NAMES: Record<number, string> = { 2: 'Open', 3: 'Pending', 4: 'Resolved', 5: 'Closed' };
export const CUSTOM_STATUS_WAITING = 6;

export function toCanonicalStatus(code: number, deleted: boolean): Ticket['status'] {
  if (deleted) return 'deleted';
  switch (code) {
    case 2:
      return 'open';
    case 3:
      return 'pending';
    case 4:
      return 'solved';
    case 5:
      return 'closed';
    default:
      // A custom status is a kind of waiting (Freshdesk's defaults are "Waiting on Customer/Third Party").
      return 'hold';
  }
}

export const PRIORITIES: Record<number, NonNullable<Ticket['priority']>> = {
  1: 'low',
  2: 'normal',
  3: 'high',
  4: 'urgent',
};

/** Ticket `source` codes. */
export const SOURCES: Record<number, string> = {
  1: 'email',
  2: 'portal',
  3: 'phone',
  7: 'chat',
  9: 'feedback_widget',
  10: 'outbound_email',
};

/** Freshdesk custom field types → canonical types (DESIGN.md "Custom fields"). */
export const FIELD_TYPES: Record<string, FieldType> = {
  custom_text: 'text',
  custom_paragraph: 'textarea',
  custom_checkbox: 'checkbox',
  custom_number: 'integer',
  custom_decimal: 'decimal',
  custom_date: 'date',
  custom_dropdown: 'dropdown',
  custom_multi_select_dropdown: 'multiselect',
  custom_lookup: 'lookup',
  nested_field: 'nested',
  custom_phone_number: 'text',
  custom_url: 'text',
};

/**
 * Default contact/company fields Ferry carries as attributes, with the canonical type that picks their
 * Intercom type (DESIGN.md "Custom fields"). Name, e-mail, phone and domains have places of their own;
 * industry goes to the Intercom company's own `industry`. `mobile` is carried only beside a phone (Intercom
 * contacts have one phone: without a phone, the mobile number is the phone).
 */
export const CARRIED_DEFAULT_FIELDS: Record<'ticket' | 'contact' | 'company', Record<string, FieldType>> = {
  ticket: {},
  contact: { mobile: 'text' },
  company: {
    description: 'textarea',
    note: 'textarea',
    health_score: 'dropdown',
    account_tier: 'dropdown',
    renewal_date: 'date',
  },
};

/** Ticket `source` code of an e-mail an agent sent from the help desk (the first message is theirs). */
export const SOURCE_OUTBOUND_EMAIL = 10;

/** Article status: 1 draft, 2 published. */
export const ARTICLE_PUBLISHED = 2;
export const ARTICLE_DRAFT = 1;
