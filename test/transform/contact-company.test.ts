import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/transform/phone.js';
import { contactIdentity, toAgentRequesterContact, toContact } from '../../src/transform/to-contact.js';
import {
  companySkipReason,
  EMPTY_COMPANY_REASON,
  toAttachCompany,
  toCompany,
} from '../../src/transform/to-company.js';
import { agent, company, contact, field, reference, T0_SECONDS } from './fixtures.js';

describe('toContact', () => {
  it('when an end user has an e-mail, then a role-user contact with name, e-mail, signed_up_at and ferry_source_id is made', () => {
    const { body, notes } = toContact(contact(), reference());
    expect(body).toEqual({
      role: 'user',
      email: 'Juergen@Example.com',
      name: 'Jürgen Müller',
      signed_up_at: T0_SECONDS,
      custom_attributes: { ferry_source_id: 'zendesk:501' },
    });
    expect(notes).toEqual([]);
  });

  it('when an end user has no e-mail, then external_id is "<platform>:<id>"', () => {
    const { body } = toContact(contact({ email: null }), reference({}, { platform: 'freshdesk' }));
    expect(body.external_id).toBe('freshdesk:501');
    expect(body.email).toBeUndefined();
  });

  it('when the phone number is valid, then it is sent in E.164', () => {
    const { body } = toContact(contact({ phone: '+49 30 123456' }), reference());
    expect(body.phone).toBe('+4930123456');
  });

  it('when a national number is given and a default country is set, then it is read in that country', () => {
    const { body } = toContact(
      contact({ phone: '030 1234567' }),
      reference({ options: { defaultPhoneCountry: 'DE' } }),
    );
    expect(body.phone).toBe('+49301234567');
  });

  it('when libphonenumber-js rejects the phone, then it is left off with a recorded reason', () => {
    const { body, notes } = toContact(contact({ phone: '+1 (555) 010-0000' }), reference());
    expect(body.phone).toBeUndefined();
    expect(notes).toEqual(['phone "+1 (555) 010-0000" left off: not a valid phone number']);
  });

  it('when mapped user fields have values, then they become typed custom attributes', () => {
    const ref = reference(
      { mappings: { fields: [{ scope: 'contact', key: 'seats', attribute: 'Seats' }] } },
      { fields: [field({ scope: 'contact', key: 'seats', title: 'Seats', type: 'integer' })] },
    );
    const { body } = toContact(contact({ customFields: { seats: '12', unmapped: 'x' } }), ref);
    expect(body.custom_attributes).toEqual({ Seats: 12, ferry_source_id: 'zendesk:501' });
  });

  it('when the e-mail is not an address, then it is left off and external_id identifies the contact', () => {
    const { body, notes } = toContact(contact({ email: 'not-an-email' }), reference());
    expect(body.external_id).toBe('zendesk:501');
    expect(notes[0]).toContain('not-an-email');
  });
});

describe('normalisePhone', () => {
  it('when the number has no country code and no default, then the reason says so', () => {
    expect(normalisePhone('0301234567', null)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('no country code'),
    });
    expect(normalisePhone('  ', null)).toEqual({ kind: 'none' });
  });
});

describe('contactIdentity', () => {
  it('when two e-mails differ only in case, then they are the same identity', () => {
    expect(contactIdentity(contact({ email: 'A@X.io' }), 'zendesk')).toEqual(
      contactIdentity(contact({ id: '2', email: ' a@x.io ' }), 'zendesk'),
    );
  });

  it('when there is no e-mail, then the identity is the external_id', () => {
    expect(contactIdentity(contact({ email: null }), 'zendesk')).toEqual({
      kind: 'external_id',
      value: 'zendesk:501',
    });
  });
});

describe('toAgentRequesterContact', () => {
  it('when the requester is an agent, then a contact with the agent e-mail is made', () => {
    const r = toAgentRequesterContact(agent(), 'zendesk');
    expect(r?.body).toEqual({
      role: 'user',
      email: 'alice@help.example',
      name: 'Alice Agent',
      custom_attributes: { ferry_source_id: 'zendesk:9001' },
    });
  });

  it('when the agent has no e-mail, then there is nothing to create', () => {
    expect(toAgentRequesterContact(agent({ email: null }), 'zendesk')).toBeNull();
  });
});

describe('toCompany', () => {
  it('when an organization maps, then company_id is "<platform>:<id>" with remote_created_at and ferry_source_id', () => {
    const { body } = toCompany(company(), reference());
    expect(body).toEqual({
      company_id: 'zendesk:77',
      name: 'Acme GmbH',
      remote_created_at: T0_SECONDS,
      website: 'https://acme.example',
      custom_attributes: { ferry_source_id: 'zendesk:77' },
    });
  });

  it('when an organization has no contacts, then it is skipped with the reason unless the setting asks for it', () => {
    expect(companySkipReason(0, reference().settings)).toBe(EMPTY_COMPANY_REASON);
    expect(EMPTY_COMPANY_REASON).toBe('Intercom hides companies that have no contacts');
    expect(companySkipReason(0, reference({ options: { createEmptyCompanies: true } }).settings)).toBeNull();
    expect(companySkipReason(3, reference().settings)).toBeNull();
  });

  it('when a company is attached to a contact, then the body names the Intercom company id', () => {
    expect(toAttachCompany('6123')).toEqual({ id: '6123' });
  });
});

describe('agentRequester', () => {
  it('when the requester id is an agent, then that agent is returned; an end user gives null', async () => {
    const { agentRequester } = await import('../../src/transform/to-contact.js');
    expect(agentRequester('9001', reference())?.name).toBe('Alice Agent');
    expect(agentRequester('501', reference())).toBeNull();
    expect(agentRequester(null, reference())).toBeNull();
  });
});
