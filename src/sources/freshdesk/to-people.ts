// Raw contacts, companies, agents and groups → canonical records (pure).
import type { Agent, Company, Contact, Group } from '../../model/canonical.js';
import type { RawAgent, RawCompany, RawContact, RawGroup } from './raw-schemas.js';
import { toUtc } from './utc.js';

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
  const phone = raw.phone ?? raw.mobile ?? null;
  return {
    id: raw.id,
    name: raw.name ?? null,
    email: raw.email ?? null,
    phone: phone === null ? null : String(phone),
    companyIds,
    role: 'end-user',
    active: raw.active !== false,
    deleted: raw.deleted === true,
    tags: raw.tags ?? [],
    customFields: raw.custom_fields ?? {},
    createdAt: toUtc(raw.created_at),
    updatedAt: toUtc(raw.updated_at),
  };
}

export function toCompany(raw: RawCompany): Company {
  return {
    id: raw.id,
    name: raw.name,
    domains: raw.domains ?? [],
    tags: [],
    customFields: raw.custom_fields ?? {},
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
