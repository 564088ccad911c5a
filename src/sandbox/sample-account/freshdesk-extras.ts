// ---- flosses block (issue 11 part 2): Freshdesk-only values of the sample account ----
// Values Freshdesk keeps that the canonical model has no place for (a contact's mobile beside its phone,
// the company default fields, the levels of a nested field), computed from the canonical record so that no
// count of the sample account changes. Only the Freshdesk emulator renders them.
import type { Company, Contact, FieldDefinition } from '../../model/canonical.js';
import { contactIndexOf, ids } from './layout.js';

export const HEALTH_SCORES = ['At risk', 'Doing okay', 'Happy'] as const;
export const ACCOUNT_TIERS = ['Basic', 'Premium', 'Enterprise'] as const;
export const INDUSTRIES = ['Software', 'Retail', 'Healthcare', 'Manufacturing'] as const;

/** A mobile number for every fourth contact (index 2 mod 4), whether or not it has a phone. */
export function contactMobile(c: Contact): string | null {
  const i = contactIndexOf(c.id);
  if (i === null || i % 4 !== 2) return null;
  return `+49 170 ${String(1_000_000 + ((i * 7919) % 8_999_999))}`;
}

export interface CompanyDefaults {
  description: string | null;
  note: string | null;
  health_score: string | null;
  account_tier: string | null;
  renewal_date: string | null;
  industry: string | null;
}

/** Freshdesk's default company fields: filled for two companies in three (index 2 mod 3 left empty). */
export function companyDefaults(c: Company): CompanyDefaults {
  const i = Number(c.id) - Number(ids.company(0));
  if (i % 3 === 2)
    return {
      description: null,
      note: null,
      health_score: null,
      account_tier: null,
      renewal_date: null,
      industry: null,
    };
  return {
    description: `${c.name} — customer since the first year`,
    note: 'Renews through a reseller.\nCall before the renewal date — Verlängerung über Händler.',
    health_score: HEALTH_SCORES[i % HEALTH_SCORES.length]!,
    account_tier: ACCOUNT_TIERS[i % ACCOUNT_TIERS.length]!,
    renewal_date: `2027-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    industry: INDUSTRIES[i % INDUSTRIES.length]!,
  };
}

const choices = (labels: readonly string[]) =>
  labels.map((value, k) => ({ id: k + 1, value, position: k + 1 }));

/** The default fields Freshdesk lists before the custom ones (GET /api/v2/contact_fields, company_fields). */
export function freshdeskDefaultFields(scope: 'ticket' | 'contact' | 'company'): Record<string, unknown>[] {
  const f = (id: number, name: string, label: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    label,
    type: `default_${name}`,
    default: true,
    ...extra,
  });
  if (scope === 'contact')
    return [
      f(90_001, 'name', 'Full name'),
      f(90_002, 'email', 'Email'),
      f(90_003, 'phone', 'Work phone'),
      f(90_004, 'mobile', 'Mobile phone'),
    ];
  if (scope === 'company')
    return [
      f(90_101, 'name', 'Company name'),
      f(90_102, 'description', 'Description'),
      f(90_103, 'note', 'Notes'),
      f(90_104, 'domains', 'Domains'),
      f(90_105, 'health_score', 'Health score', { choices: choices(HEALTH_SCORES) }),
      f(90_106, 'account_tier', 'Account tier', { choices: choices(ACCOUNT_TIERS) }),
      f(90_107, 'renewal_date', 'Renewal date'),
      f(90_108, 'industry', 'Industry', { choices: choices(INDUSTRIES) }),
    ];
  return [];
}

/** The names Freshdesk gives a nested field's levels 2 and 3. */
export const nestedLevelKeys = (key: string): [string, string] => [`${key}_level_2`, `${key}_level_3`];

/** Options "A::B::C" as Freshdesk's nested choices {A: {B: [C]}}. */
export function nestedChoices(def: FieldDefinition): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const o of def.options) {
    const [a = '', b, c] = o.label.split('::');
    const level2 = (out[a] ??= {});
    if (b !== undefined) {
      const level3 = (level2[b] ??= []);
      if (c !== undefined) level3.push(c);
    }
  }
  return out;
}

/** A nested value (the option's value) split the way Freshdesk stores it: one key per level. */
export function splitNestedValue(def: FieldDefinition, value: unknown): Record<string, string | null> {
  const label = def.options.find((o) => o.value === value)?.label;
  const [a, b, c] = label?.split('::') ?? [];
  const [k2, k3] = nestedLevelKeys(def.key);
  return { [def.key]: a ?? null, [k2]: b ?? null, [k3]: c ?? null };
}
// ---- end flosses block ----
