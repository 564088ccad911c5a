// End users → Intercom contacts (role user). DESIGN "Identity": one contact per e-mail compared
// case-insensitively; without an e-mail, external_id "<platform>:<id>". signed_up_at carries the source
// created_at (contacts take no created_at).
import type { Agent, Contact, Platform } from '../model/canonical.js';
import type { ContactCreateBody } from './intercom-bodies.js';
import type { ReferenceData } from './reference.js';
import { mapCustomFields } from './custom-attributes.js';
import { normalisePhone } from './phone.js';
import { FERRY_SOURCE_ID, sourceRef, toUnixSeconds } from './source-ref.js';

export interface Mapped<T> {
  body: T;
  /** What was left off and why, for the ledger row's reason/report. */
  notes: string[];
}

export type ContactIdentity = { kind: 'email'; value: string } | { kind: 'external_id'; value: string };

/** A usable e-mail, trimmed; null when absent or not an address. */
export function cleanEmail(email: string | null): string | null {
  const text = email?.trim() ?? '';
  return /^[^\s@]+@[^\s@]+$/.test(text) ? text : null;
}

/** The key the engine deduplicates contacts on: the lower-cased e-mail, else the external_id. */
export function contactIdentity(contact: Pick<Contact, 'id' | 'email'>, platform: Platform): ContactIdentity {
  const email = cleanEmail(contact.email);
  return email
    ? { kind: 'email', value: email.toLowerCase() }
    : { kind: 'external_id', value: sourceRef(platform, contact.id) };
}

export function toContact(
  contact: Contact,
  ref: Pick<ReferenceData, 'platform' | 'settings' | 'fields' | 'ticketType'>,
): Mapped<ContactCreateBody> {
  const notes: string[] = [];
  const email = cleanEmail(contact.email);
  if (contact.email?.trim() && !email)
    notes.push(`e-mail "${contact.email.trim()}" left off: not an address`);
  const phone = normalisePhone(contact.phone, ref.settings.options.defaultPhoneCountry);
  if (phone.kind === 'invalid') notes.push(phone.reason);
  const mapped = mapCustomFields(contact.customFields, 'contact', 'contact', ref);
  notes.push(...mapped.notes);
  const body: ContactCreateBody = {
    role: 'user',
    ...(email ? { email } : { external_id: sourceRef(ref.platform, contact.id) }),
    ...(contact.name?.trim() ? { name: contact.name.trim() } : {}),
    ...(phone.kind === 'valid' ? { phone: phone.e164 } : {}),
    signed_up_at: toUnixSeconds(contact.createdAt),
    custom_attributes: { ...mapped.attributes, [FERRY_SOURCE_ID]: sourceRef(ref.platform, contact.id) },
  };
  return { body, notes };
}

/** The agent a ticket's requester is, when it is one (the seed's rule below then applies). */
export function agentRequester(requesterId: string | null, ref: Pick<ReferenceData, 'agents'>): Agent | null {
  return requesterId === null ? null : (ref.agents.get(requesterId) ?? null);
}

/**
 * The seed's rule: when a ticket's requester is an agent, a contact with that agent's e-mail is created and
 * becomes the requester. Null when the agent has no e-mail (the engine then skips the ticket with a reason).
 */
export function toAgentRequesterContact(agent: Agent, platform: Platform): Mapped<ContactCreateBody> | null {
  const email = cleanEmail(agent.email);
  if (!email) return null;
  return {
    body: {
      role: 'user',
      email,
      name: agent.name,
      custom_attributes: { [FERRY_SOURCE_ID]: sourceRef(platform, agent.id) },
    },
    notes: [`requester ${agent.name} is an agent: created as a contact with the agent's e-mail`],
  };
}
