// Agents, groups, end users (contacts) and organizations (companies) of the sample account.
// Hard cases: agent 3 is deactivated; every third contact has no organization; the last two companies have
// no users; contacts 1 and 2 have e-mails differing only in case; some phones are invalid; contacts whose
// index is 7 mod 41 are deleted users (they still author comments).
import type { Agent, Company, Contact, Group } from '../../model/canonical.js';
import { COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, slug, TAG_POOL } from './content.js';
import { fieldValues } from './fields.js';
import { clock, ids, iso, type Sizes } from './layout.js';
import { rngFor } from './prng.js';

const GROUP_NAMES = ['Support', 'Billing', 'Tier 2', 'Ünïcode Team 🚀'];
export const DEACTIVATED_AGENT_INDEX = 3;

export function groups(sizes: Sizes): Group[] {
  return Array.from({ length: sizes.groups }, (_, i) => ({
    id: ids.group(i),
    name: GROUP_NAMES[i % GROUP_NAMES.length]!,
    description: i === 0 ? 'First line' : null,
  }));
}

export function agents(seed: string, sizes: Sizes): Agent[] {
  return Array.from({ length: sizes.agents }, (_, i) => {
    const rng = rngFor(seed, 'agent', i);
    const name = i === 0 ? 'Ada Admin' : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    return {
      id: ids.agent(i),
      name,
      email: i === 0 ? 'admin@sample-support.test' : `${slug(name)}.${i}@sample-support.test`,
      active: i !== DEACTIVATED_AGENT_INDEX,
      role: i === 0 || i === 1 ? 'admin' : 'agent',
      groupIds: [ids.group(i % sizes.groups), ...(i % 3 === 0 ? [ids.group((i + 1) % sizes.groups)] : [])],
    };
  });
}

export function agentTimes(i: number): { createdAt: string; updatedAt: string } {
  const created = new Date(clock.accountCreated.getTime() + i * 3_600_000);
  return { createdAt: iso(created), updatedAt: iso(new Date(created.getTime() + 86_400_000)) };
}

export const isDeletedContactIndex = (i: number): boolean => i % 41 === 7;

/** Companies that have users: all but the last two. */
const usedCompanies = (sizes: Sizes): number => Math.max(1, sizes.companies - 2);

export function contact(seed: string, sizes: Sizes, i: number): Contact {
  const rng = rngFor(seed, 'contact', i);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  let email: string | null = `${slug(first)}.${slug(last)}.${i}@example.com`;
  // Two addresses that differ only in case (Intercom treats them as one contact).
  if (i === 1) email = 'Maria.Mueller@Example.com';
  if (i === 2) email = 'maria.mueller@example.com';
  if (i % 17 === 11) email = null; // end users known only by phone
  let phone: string | null = rng.chance(0.5) ? `+49 30 ${rng.int(1000000, 9999999)}` : null;
  if (i % 11 === 3) phone = rng.pick(['12', 'not a phone', '+1 (555) CALL-NOW', '0000']);
  if (email === null) phone = `+44 20 7946 ${String(1000 + (i % 9000))}`;
  const companyIds: string[] = [];
  if (i % 3 !== 0) {
    companyIds.push(ids.company(i % usedCompanies(sizes)));
    if (i % 29 === 1 && usedCompanies(sizes) > 1)
      companyIds.push(ids.company((i + 1) % usedCompanies(sizes)));
  }
  const deleted = isDeletedContactIndex(i);
  const created = clock.person(i);
  return {
    id: ids.contact(i),
    name: i % 23 === 5 ? null : `${first} ${last}`,
    email,
    phone,
    companyIds,
    role: 'end-user',
    active: !deleted,
    deleted,
    tags: rng.chance(0.3) ? [rng.pick(TAG_POOL)] : [],
    customFields: fieldValues('contact', rng, () => ids.agent(rng.int(0, sizes.agents - 1))),
    createdAt: iso(created),
    updatedAt: iso(new Date(created.getTime() + 86_400_000)),
  };
}

export function company(seed: string, sizes: Sizes, i: number): Company {
  const rng = rngFor(seed, 'company', i);
  const name = `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)} ${i + 1}`;
  const created = new Date(clock.accountCreated.getTime() + 86_400_000 + i * 60_000);
  return {
    id: ids.company(i),
    name,
    domains: i % 4 === 3 ? [] : [`${slug(name).replaceAll('.', '-')}.example.com`],
    tags: rng.chance(0.4) ? [rng.pick(['enterprise', 'smb', 'partner'])] : [],
    customFields: fieldValues('company', rng, () => ids.agent(0)),
    createdAt: iso(created),
    updatedAt: iso(new Date(created.getTime() + 3_600_000)),
  };
}
