// Raw contacts, companies, agents and groups → canonical records (pure).
import type { Agent, Company, Contact, Group } from '../../model/canonical.js';
import type { RawAgent, RawCompany, RawContact, RawGroup } from './raw-schemas.js';
import { toUtc } from './utc.js';
import { CARRIED_DEFAULT_FIELDS } from './vocabulary.js';

const text = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined || String(v).trim() === '' ? null : String(v);

/** The carried default fields' values (CARRIED_DEFAULT_FIELDS), keyed by field name, blanks left out. */
function carriedDefaults(scope: 'contact' | 'company', raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(CARRIED_DEFAULT_FIELDS[scope])) {
    const v = raw[key];
    if ((typeof v === 'string' || typeof v === 'number') && text(v) !== null) out[key] = String(v);
  }
  return out;
}

function otherCompanyIds(items: readonly unknown[] | null | undefined): string[] {
  const ids: string[] = [];
  for (const item of items ?? []) {
    if (item && typeof item === 'object' && 'company_id' in item) {
      const id = (item as { company_id: unknown }).company_id;
      if (typeof id === 'number' || typeof id === 'string') ids.push(String(id));
    }
  }
  return ids;
}

export function toContact(raw: RawContact): Contact {
  const primary = raw.company_id ? [raw.company_id] : [];
  const companyIds = [...new Set([...primary, ...otherCompanyIds(raw.other_companies)])];
  // One phone in Intercom: the phone, else the mobile; a mobile beside a phone is kept as an attribute.
  const phone = text(raw.phone) ?? text(raw.mobile);
  const mobile = text(raw.phone) !== null ? carriedDefaults('contact', raw) : {};
  return {
    id: raw.id,
    name: raw.name ?? null,
    email: raw.email ?? null,
    phone,
    companyIds,
    role: 'end-user',
    active: raw.active !== false,
    deleted: raw.deleted === true,
    tags: raw.tags,
    customFields: { ...(raw.custom_fields ?? {}), ...mobile },
    createdAt: toUtc(raw.created_at),
    updatedAt: toUtc(raw.updated_at),
  };
}

export function toCompany(raw: RawCompany): Company {
  return {
    id: raw.id,
    name: raw.name,
    domains: raw.domains,
    // Freshdesk companies carry no tags (API v2 "Companies").
    tags: [],
    customFields: { ...(raw.custom_fields ?? {}), ...carriedDefaults('company', raw) },
    industry: text(raw.industry),
    createdAt: toUtc(raw.created_at),
    updatedAt: toUtc(raw.updated_at),
  };
}

export function toAgent(raw: RawAgent, roleNames: ReadonlyMap<string, string>): Agent {
  const roles = (raw.role_ids ?? []).map((id) => roleNames.get(id)).filter((n) => n !== undefined);
  return {
    id: raw.id,
    name: raw.contact.name ?? raw.contact.email ?? `Agent ${raw.id}`,
    email: raw.contact.email ?? null,
    active: raw.contact.active !== false,
    role: roles[0] ?? null,
    groupIds: raw.group_ids ?? [],
  };
}

export function toGroup(raw: RawGroup): Group {
  return { id: raw.id, name: raw.name, description: raw.description ?? null };
}
