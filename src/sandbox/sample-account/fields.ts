// Custom field definitions of the sample account (every type of DESIGN.md's custom-field table) and the
// values records carry for them. Field values are keyed by FieldDefinition.key.
import type { FieldDefinition, FieldType } from '../../model/canonical.js';
import type { Rng } from './prng.js';
import { ids } from './layout.js';

interface Spec {
  key: string;
  title: string;
  type: FieldType;
  options?: Array<[value: string, label: string]>;
  active?: boolean;
}

const TICKET_FIELDS: Spec[] = [
  { key: 'cf_order_number', title: 'Order number', type: 'text' },
  { key: 'cf_steps', title: 'Steps to reproduce', type: 'textarea' },
  { key: 'cf_vip', title: 'VIP customer', type: 'checkbox' },
  { key: 'cf_seats', title: 'Seats', type: 'integer' },
  { key: 'cf_amount', title: 'Amount (€)', type: 'decimal' },
  { key: 'cf_due', title: 'Promised by', type: 'date' },
  {
    key: 'cf_region',
    title: 'Region',
    type: 'dropdown',
    options: [
      ['emea', 'EMEA'],
      ['amer', 'Americas'],
      ['apac', 'APAC'],
      ['dach', 'DACH (Österreich, Schweiz)'],
    ],
  },
  {
    key: 'cf_products',
    title: 'Products',
    type: 'multiselect',
    options: [
      ['app', 'App'],
      ['api', 'API'],
      ['billing', 'Billing'],
      ['reports', 'Reports'],
    ],
  },
  { key: 'cf_account_manager', title: 'Account manager', type: 'lookup' },
  {
    key: 'cf_category',
    title: 'Category',
    type: 'nested',
    // Zendesk nests drop-down options with "::" in their names; the value is the option's tag.
    options: [
      ['hardware__laptop', 'Hardware::Laptop'],
      ['hardware__phone', 'Hardware::Phone'],
      ['software__app__ios', 'Software::App::iOS'],
      ['software__app__android', 'Software::App::Android'],
    ],
  },
  { key: 'cf_serial', title: 'Serial number', type: 'regexp' },
  { key: 'cf_card', title: 'Card used', type: 'partialcreditcard' },
  { key: 'cf_legacy_code', title: 'Legacy code', type: 'text', active: false },
];

const CONTACT_FIELDS: Spec[] = [
  { key: 'cf_customer_since', title: 'Customer since', type: 'date' },
  {
    key: 'cf_plan',
    title: 'Plan',
    type: 'dropdown',
    options: [
      ['free', 'Free'],
      ['pro', 'Pro'],
      ['enterprise', 'Enterprise'],
    ],
  },
  { key: 'cf_newsletter', title: 'Newsletter', type: 'checkbox' },
  { key: 'cf_notes', title: 'Notes', type: 'textarea' },
  { key: 'cf_employee_id', title: 'Employee id', type: 'regexp' },
];

const COMPANY_FIELDS: Spec[] = [
  { key: 'cf_employees', title: 'Employees', type: 'integer' },
  { key: 'cf_arr', title: 'ARR', type: 'decimal' },
  {
    key: 'cf_tier',
    title: 'Tier',
    type: 'dropdown',
    options: [
      ['gold', 'Gold'],
      ['silver', 'Silver'],
      ['bronze', 'Bronze'],
    ],
  },
  { key: 'cf_website', title: 'Website', type: 'text' },
];

const SPECS = { ticket: TICKET_FIELDS, contact: CONTACT_FIELDS, company: COMPANY_FIELDS } as const;
const OFFSET = { ticket: 0, contact: 100, company: 200 } as const;

/** The raw type each vendor would name (Zendesk's names; the Freshdesk emulator maps its own). */
const ZENDESK_RAW: Record<FieldType, string> = {
  text: 'text',
  textarea: 'textarea',
  checkbox: 'checkbox',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  dropdown: 'tagger',
  multiselect: 'multiselect',
  lookup: 'lookup',
  nested: 'tagger',
  regexp: 'regexp',
  partialcreditcard: 'partialcreditcard',
  other: 'text',
};

export function fieldDefinitions(scope: 'ticket' | 'contact' | 'company'): FieldDefinition[] {
  return SPECS[scope].map((s, i) => ({
    id: ids.field(OFFSET[scope] + i),
    scope,
    key: s.key,
    title: s.title,
    type: s.type,
    rawType: ZENDESK_RAW[s.type],
    options: (s.options ?? []).map(([value, label]) => ({ value, label })),
    active: s.active ?? true,
    system: false,
  }));
}

/**
 * Values for a record: most fields filled at random, some left out (null). `lookupTarget` gives the id a
 * lookup field references (a user id).
 */
export function fieldValues(
  scope: 'ticket' | 'contact' | 'company',
  rng: Rng,
  lookupTarget: () => string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const s of SPECS[scope]) {
    if (s.active === false || rng.chance(0.25)) {
      values[s.key] = null;
      continue;
    }
    values[s.key] = valueOf(s, rng, lookupTarget);
  }
  return values;
}

function valueOf(s: Spec, rng: Rng, lookupTarget: () => string): unknown {
  const options = s.options ?? [];
  switch (s.type) {
    case 'text':
      return `ORD-${rng.int(10000, 99999)}`;
    case 'textarea':
      return 'Line one\nZeile zwei — ümlaut\nLigne trois 🚀';
    case 'checkbox':
      return rng.chance(0.5);
    case 'integer':
      return rng.int(1, 5000);
    case 'decimal':
      return Math.round(rng.next() * 100_000) / 100;
    case 'date':
      return `20${rng.int(15, 24)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
    case 'dropdown':
    case 'nested':
      return rng.pick(options)[0];
    case 'multiselect':
      return options.filter(() => rng.chance(0.5)).map(([v]) => v);
    case 'lookup':
      return lookupTarget();
    case 'regexp':
      return `SN-${rng.int(1000, 9999)}-${String.fromCharCode(65 + rng.int(0, 25))}`;
    case 'partialcreditcard':
      return `XXXXXXXXXXXX${rng.int(1000, 9999)}`;
    default:
      return null;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');
