// Every body transform/ produces, validated against Intercom's official 2.16 description (errata applied,
// src/sandbox/openapi). Paths use sample ids; the bodies come from the real mappers.
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/sandbox/openapi/index.js';
import { applyAttachments } from '../../src/transform/attachments.js';
import {
  sourceIdConversationAttribute,
  sourceIdDataAttribute,
  sourceIdTicketTypeAttribute,
  toConversationAttributeCreate,
  toDataAttributeCreate,
  toTicketTypeAttributeCreate,
  toTicketTypeCreate,
} from '../../src/transform/attribute-definitions.js';
import { toArticle, toCollectionCreate } from '../../src/transform/to-article.js';
import { toAttachCompany, toCompany } from '../../src/transform/to-company.js';
import { toAgentRequesterContact, toContact } from '../../src/transform/to-contact.js';
import {
  toConversationAssignments,
  toConversationClose,
  toConversationOpening,
  toConversationUpdate,
  toParticipants,
} from '../../src/transform/to-conversation.js';
import { toReplies } from '../../src/transform/to-reply.js';
import { toTicketCreate, toTicketUpdate } from '../../src/transform/to-ticket.js';
import { toTicketParts } from '../../src/transform/to-ticket-parts.js';
import { toTagCreate, toTagObject } from '../../src/transform/tags.js';
import {
  agent,
  attachment,
  comment,
  company,
  contact,
  field,
  lookups,
  reference,
  ticket,
} from './fixtures.js';

const IC = '6762f2d81bb69f9f2193bc54';

function expectValid(method: string, path: string, body: unknown) {
  const r = validateRequest(method, path, { body });
  expect(r.errors, `${method} ${path} ${JSON.stringify(body)}`).toEqual([]);
  expect(r.ok).toBe(true);
}

const file = {
  kind: 'file' as const,
  file: { name: 'a.pdf', content_type: 'application/pdf', data: 'QQ==' },
};
const url = { kind: 'url' as const, url: 'https://ferry.example/f/abc' };

describe('bodies validate against the 2.16 description', () => {
  it('when a contact, an agent-requester contact and a company are made, then POST /contacts and /companies accept them', () => {
    const ref = reference(
      { mappings: { fields: [{ scope: 'contact', key: 'seats', attribute: 'Seats' }] } },
      { fields: [field({ scope: 'contact', key: 'seats', type: 'integer' })] },
    );
    expectValid(
      'POST',
      '/contacts',
      toContact(contact({ phone: '+49 30 123456', customFields: { seats: 3 } }), ref).body,
    );
    expectValid('POST', '/contacts', toContact(contact({ email: null }), ref).body);
    expectValid('POST', '/contacts', toAgentRequesterContact(agent(), 'zendesk')!.body);
    expectValid('POST', '/companies', toCompany(company(), ref).body);
    expectValid('POST', `/contacts/${IC}/companies`, toAttachCompany('6123'));
  });

  it('when a company carries a typed attribute, then POST /companies accepts it (erratum 7: the example types the values)', () => {
    const ref = reference(
      { mappings: { fields: [{ scope: 'company', key: 'seats', attribute: 'Seats' }] } },
      { fields: [field({ scope: 'company', key: 'seats', type: 'integer' })] },
    );
    const body = toCompany(company({ customFields: { seats: '12' } }), ref).body;
    expect(body.custom_attributes.Seats).toBe(12);
    expectValid('POST', '/companies', body);
  });

  it('when a body is wrong, then the validator says so (the checks above can fail)', () => {
    const bad = { ...toTagObject('7', '999'), admin_id: 999 };
    expect(validateRequest('POST', '/tickets/42/tags', { body: bad }).ok).toBe(false);
  });

  it('when a ticket is created and updated, then POST /tickets and PUT /tickets/{id} accept them', () => {
    const ref = reference({ mappings: { groups: { g1: '7' } } });
    const resolved = { requesterContactId: IC, companyId: '6123' };
    expectValid(
      'POST',
      '/tickets',
      toTicketCreate(ticket({ assigneeId: '9001', groupId: 'g1' }), ref, resolved).body,
    );
    expectValid(
      'PUT',
      '/tickets/42',
      toTicketUpdate(ticket({ status: 'solved' }), ref, { afterCreate: true })!.body,
    );
    expectValid('PUT', '/tickets/42', toTicketUpdate(ticket(), ref, { afterCreate: false })!.body);
  });

  it('when ticket replies are made (teammate, note, fallback, contact, notes), then POST /tickets/{id}/reply accepts each with its files', () => {
    const ref = reference({ options: { eventsAsNotes: true } });
    const files = Array.from({ length: 7 }, (_, i) => attachment(i + 1));
    const r = toTicketParts(
      {
        ticket: ticket({ ccEmails: ['x@y.io'] }),
        comments: [
          comment({ id: 'c1', attachments: files }),
          comment({ id: 'c2', authorId: '9001', authorRole: 'agent', attachments: files }),
          comment({ id: 'c3', authorId: '9002', authorRole: 'agent', public: false }),
        ],
        events: [
          {
            id: 'e1',
            ticketId: '123',
            authorId: null,
            createdAt: '2021-03-04T05:06:08Z',
            changes: [{ field: 'status', from: 'new', to: 'open' }],
          },
        ],
        requester: null,
      },
      ref,
      lookups({ '501': { contactId: IC, name: 'J', email: null } }),
      'tickets',
      new Set(['501']),
    );
    expect(r.parts.length).toBeGreaterThan(5);
    for (const part of r.parts) {
      const body = applyAttachments(
        part.body,
        part.transport,
        part.attachments.map(() => (part.transport === 'files' ? file : url)),
      );
      expectValid('POST', '/tickets/42/reply', body);
    }
  });

  it('when a conversation is opened and continued, then create, reply, update, participants, assignment and close validate', () => {
    const ref = reference({ target: 'conversations', mappings: { groups: { g1: '7' } } });
    const files = Array.from({ length: 7 }, (_, i) => attachment(i + 1));
    const t = ticket({ assigneeId: '9001', groupId: 'g1', ccIds: ['777'], status: 'closed' });
    const l = lookups({
      '501': { contactId: IC, name: 'J', email: null },
      '777': { contactId: '6762f2d81bb69f9f2193bc55', name: 'C', email: null },
    });
    const opening = toConversationOpening(t, [comment({ attachments: files })], ref, IC);
    expectValid(
      'POST',
      '/conversations',
      applyAttachments(
        opening.body,
        'urls',
        opening.attachments.map(() => url),
      ),
    );
    for (const part of opening.continuation) {
      expectValid(
        'POST',
        '/conversations/42/reply',
        applyAttachments(
          part.body,
          part.transport,
          part.attachments.map(() => file),
        ),
      );
    }
    const reply = toReplies(
      comment({ id: 'c2', authorId: '9001', authorRole: 'agent', attachments: files }),
      {
        ref,
        lookups: l,
        target: 'conversations',
        repliers: new Set(['501']),
      },
    );
    for (const part of reply.parts) {
      expectValid(
        'POST',
        '/conversations/42/reply',
        applyAttachments(
          part.body,
          part.transport,
          part.attachments.map(() => file),
        ),
      );
    }
    expectValid('PUT', '/conversations/42', toConversationUpdate(t, ref, '6123').body);
    for (const body of toParticipants(t, l, '999').bodies)
      expectValid('POST', '/conversations/42/customers', body);
    for (const body of toConversationAssignments(t, ref))
      expectValid('POST', '/conversations/42/parts', body);
    expectValid('POST', '/conversations/42/parts', toConversationClose(t, ref));
  });

  it('when tags are made and attached, then POST /tags and the tag endpoints accept them', () => {
    expectValid('POST', '/tags', toTagCreate('migrated-from-zendesk'));
    expectValid('POST', '/tickets/42/tags', toTagObject('7', '999'));
    expectValid('POST', '/conversations/42/tags', toTagObject('7', '999'));
  });

  it('when attributes and the ticket type are created, then their create endpoints accept them', () => {
    const types = [
      'text',
      'textarea',
      'checkbox',
      'integer',
      'decimal',
      'date',
      'dropdown',
      'multiselect',
    ] as const;
    const options = [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ];
    for (const type of types) {
      const def = field({ type, options });
      const d = toDataAttributeCreate({ ...def, scope: 'contact' }, 'Attr', 'zendesk');
      if (d.kind === 'create') expectValid('POST', '/data_attributes', d.body);
      const t = toTicketTypeAttributeCreate(def, 'Attr', 'zendesk');
      if (t.kind === 'create') expectValid('POST', '/ticket_types/88/attributes', t.body);
      const c = toConversationAttributeCreate(def, 'Attr', 'zendesk');
      if (c.kind === 'create') expectValid('POST', '/conversations/attributes', c.body);
    }
    expectValid('POST', '/data_attributes', sourceIdDataAttribute('contact'));
    expectValid('POST', '/ticket_types/88/attributes', sourceIdTicketTypeAttribute());
    expectValid('POST', '/conversations/attributes', sourceIdConversationAttribute());
    expectValid('POST', '/ticket_types', toTicketTypeCreate('Migrated ticket', 'zendesk'));
  });

  it('when collections and articles are made, then the help-center endpoints accept them', () => {
    expectValid(
      'POST',
      '/help_center/collections',
      toCollectionCreate({ key: 'section:1', parentKey: 'category:1', name: 'S', description: 'D' }, '42'),
    );
    const { body } = toArticle(
      {
        id: 'a1',
        sectionId: 's1',
        authorId: '9001',
        locale: 'en-us',
        title: 'T',
        html: '<p>x</p>',
        state: 'published',
        url: null,
        translations: [
          {
            locale: 'de',
            title: 'D',
            html: '<p>y</p>',
            state: 'draft',
            authorId: null,
            updatedAt: '2021-03-04T05:06:07Z',
          },
        ],
        attachments: [],
        createdAt: '2021-03-04T05:06:07Z',
        updatedAt: '2021-03-04T05:06:07Z',
      },
      reference(),
      '42',
      () => null,
    );
    expectValid('POST', '/articles', body);
  });
});
