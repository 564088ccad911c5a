import { describe, expect, it } from 'vitest';
import {
  SOURCE_STATUS,
  ticketStateCategory,
  ticketStateId,
  ticketTitle,
  toTicketCreate,
  toTicketUpdate,
} from '../../src/transform/to-ticket.js';
import { toTicketParts } from '../../src/transform/to-ticket-parts.js';
import { agent, comment, contact, field, lookups, reference, T0, T0_SECONDS, ticket } from './fixtures.js';

const resolved = { requesterContactId: 'ic-501', companyId: null };

describe('toTicketCreate', () => {
  it('when a ticket maps, then the body has the type, one contact, created_at, title, description, ferry_source_id and skip_notifications', () => {
    const { body } = toTicketCreate(ticket(), reference(), resolved);
    expect(body).toEqual({
      ticket_type_id: '88',
      contacts: [{ id: 'ic-501' }],
      created_at: T0_SECONDS,
      ticket_attributes: {
        _default_title_: 'Drucker druckt nicht 🖨️',
        _default_description_: 'Hallo, der Drucker…',
        ferry_source_id: 'zendesk:123',
      },
      skip_notifications: true,
    });
  });

  it('when the old id goes in the subject, then the title reads "[#123] subject"', () => {
    expect(ticketTitle(ticket(), reference({ options: { oldIdInSubject: true } }).settings)).toBe(
      '[#123] Drucker druckt nicht 🖨️',
    );
    expect(ticketTitle(ticket({ subject: ' ' }), reference().settings)).toBe('Ticket #123');
  });

  it('when assignee and group are mapped, then assignment carries the teammate and the team, and the company is set', () => {
    const ref = reference({ mappings: { groups: { g1: 't7' } } });
    const { body } = toTicketCreate(ticket({ assigneeId: '9001', groupId: 'g1' }), ref, {
      ...resolved,
      companyId: 'co-1',
    });
    expect(body.assignment).toEqual({ admin_assignee_id: '111', team_assignee_id: 't7' });
    expect(body.company_id).toBe('co-1');
  });

  it('when the assignee has no teammate, then the ticket stays unassigned with a note', () => {
    const { body, notes } = toTicketCreate(ticket({ assigneeId: '9002' }), reference(), resolved);
    expect(body.assignment).toBeUndefined();
    expect(notes).toEqual(['assignee 9002 has no teammate: left unassigned']);
  });

  it('when mapped ticket fields have values, then they are ticket attributes, list values as item ids', () => {
    const ref = reference(
      {
        mappings: {
          fields: [
            { scope: 'ticket', key: 'product', attribute: 'Product' },
            { scope: 'ticket', key: 'card', attribute: 'Card' },
          ],
        },
      },
      {
        fields: [
          field({
            key: 'product',
            title: 'Product',
            type: 'dropdown',
            options: [{ value: 'p1', label: 'Printer' }],
          }),
          field({ key: 'card', title: 'Card', type: 'partialcreditcard' }),
        ],
      },
    );
    ref.ticketType!.listItemIds = { Product: { Printer: 'li-1' } };
    const { body, notes } = toTicketCreate(
      ticket({ customFields: { product: 'p1', card: 'XXXX4242' } }),
      ref,
      resolved,
    );
    expect(body.ticket_attributes.Product).toBe('li-1');
    expect(body.ticket_attributes).not.toHaveProperty('Card');
    expect(notes).toEqual(['Card: sensitive field']);
  });
});

describe('ticket states', () => {
  it.each([
    ['new', 'submitted'],
    ['open', 'in_progress'],
    ['pending', 'waiting_on_customer'],
    ['hold', 'in_progress'],
    ['solved', 'resolved'],
    ['closed', 'resolved'],
  ] as const)('when the status is %s, then the state category is %s', (status, category) => {
    expect(ticketStateCategory(status)).toBe(category);
  });

  it('when a state of the category has the status name as label, then that state is chosen', () => {
    expect(ticketStateId(ticket({ status: 'hold', rawStatus: 'On Hold' }), reference())).toBe('s5');
    expect(ticketStateId(ticket({ status: 'hold', rawStatus: 'Paused' }), reference())).toBe('s2');
  });

  it('when a Zendesk custom status bears the name of a state of another category, then that state is chosen and nothing is left off', () => {
    // "Waiting on customer" as a custom status of the hold category.
    const t = ticket({ status: 'hold', statusLabel: 'Waiting on customer' });
    expect(ticketStateId(t, reference())).toBe('s3');
    const create = toTicketCreate(t, reference(), { requesterContactId: 'c', companyId: null });
    expect(create.notes).toEqual([]);
    expect(create.body.ticket_attributes).not.toHaveProperty(SOURCE_STATUS);
  });

  it('when a Zendesk custom status bears no state name ("Waiting on vendor"), then the label goes to the Source status attribute', () => {
    const ref = reference();
    ref.ticketType!.statusAttribute = SOURCE_STATUS;
    const t = ticket({ status: 'pending', statusLabel: 'Waiting on vendor' });
    expect(ticketStateId(t, ref)).toBe('s3');
    const create = toTicketCreate(t, ref, { requesterContactId: 'c', companyId: null });
    expect(create.body.ticket_attributes[SOURCE_STATUS]).toBe('Waiting on vendor');
    expect(create.notes).toEqual([]);
    expect(toTicketUpdate(t, ref, { afterCreate: false })?.body.ticket_attributes?.[SOURCE_STATUS]).toBe(
      'Waiting on vendor',
    );
  });

  it('when "On-hold" meets a state "On hold", then it is that state (hyphens and spaces read alike)', () => {
    expect(ticketStateId(ticket({ status: 'hold', statusLabel: 'On-hold' }), reference())).toBe('s5');
  });

  it('when the custom status has no state and the ticket type no Source status attribute, then the loss is noted', () => {
    const t = ticket({ status: 'pending', statusLabel: 'Waiting on vendor' });
    const create = toTicketCreate(t, reference(), { requesterContactId: 'c', companyId: null });
    expect(create.notes).toEqual([
      expect.stringMatching(
        /^status "Waiting on vendor" is left off: no ticket state .* "Source status" attribute/,
      ),
    ]);
  });

  it('when the custom status is a default named after its category ("Open", "Solved"), then nothing is kept or noted', () => {
    const t = ticket({ status: 'open', statusLabel: 'Open' });
    const create = toTicketCreate(t, reference(), { requesterContactId: 'c', companyId: null });
    expect(create.notes).toEqual([]);
    expect(create.body.ticket_attributes).not.toHaveProperty(SOURCE_STATUS);
  });

  it('when right after creation the status is new, then no update is needed; solved gets its state', () => {
    expect(toTicketUpdate(ticket({ status: 'new' }), reference(), { afterCreate: true })).toBeNull();
    expect(toTicketUpdate(ticket({ status: 'solved' }), reference(), { afterCreate: true })?.body).toEqual({
      ticket_state_id: 's4',
      skip_notifications: true,
    });
  });

  it('when a delta updates a ticket, then state, title and attributes are sent again', () => {
    const body = toTicketUpdate(ticket({ status: 'pending' }), reference(), { afterCreate: false })?.body;
    expect(body).toEqual({
      ticket_state_id: 's3',
      ticket_attributes: { _default_title_: 'Drucker druckt nicht 🖨️', ferry_source_id: 'zendesk:123' },
      skip_notifications: true,
    });
  });
});

describe('toTicketParts', () => {
  const later = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();

  it('when a ticket has comments, CCs and events, then the CC note comes first and events interleave by time', () => {
    const ref = reference({ options: { eventsAsNotes: true } });
    const r = toTicketParts(
      {
        ticket: ticket({ ccEmails: ['boss@example.com'], followerIds: ['9001'] }),
        comments: [
          comment({ id: 'c1', createdAt: later(0) }),
          comment({ id: 'c2', authorId: '9001', authorRole: 'agent', createdAt: later(10) }),
        ],
        events: [
          {
            id: 'e1',
            ticketId: '123',
            authorId: '9001',
            createdAt: later(5),
            changes: [{ field: 'status', from: 'new', to: 'open' }],
          },
        ],
        requester: null,
      },
      ref,
      lookups(),
      'tickets',
      new Set(['501']),
    );
    expect(r.parts.map((p) => p.key)).toEqual(['note:cc:123', 'comment:c1', 'event:e1', 'comment:c2']);
    expect(r.parts[0]?.body.body).toBe(
      '<p><b>CC</b></p><ul><li>boss@example.com</li></ul><p><b>Followers</b></p><ul><li>Alice Agent &lt;alice@help.example&gt;</li></ul>',
    );
    expect(r.parts[2]?.body).toMatchObject({
      message_type: 'note',
      admin_id: '999',
      body: '<p><b>Changed by Alice Agent &lt;alice@help.example&gt;</b></p><ul><li>status: new → open</li></ul>',
    });
  });

  it('when the requester fields note is on, then it lists the requester fields with readable values', () => {
    const ref = reference(
      { options: { requesterFieldsAsNote: true } },
      {
        fields: [
          field({
            scope: 'contact',
            key: 'tier',
            title: 'Tier',
            type: 'dropdown',
            options: [{ value: 'g', label: 'Gold' }],
          }),
        ],
      },
    );
    const r = toTicketParts(
      { ticket: ticket(), comments: [], events: [], requester: contact({ customFields: { tier: 'g' } }) },
      ref,
      lookups(),
      'tickets',
      new Set(['501']),
    );
    expect(r.parts.map((p) => p.key)).toEqual(['note:requester-fields:123']);
    expect(r.parts[0]?.body.body).toBe('<p><b>About Jürgen Müller</b></p><ul><li>Tier: Gold</li></ul>');
  });

  it('when events as notes is off, then events are not written', () => {
    const r = toTicketParts(
      {
        ticket: ticket(),
        comments: [comment()],
        events: [
          {
            id: 'e1',
            ticketId: '123',
            authorId: null,
            createdAt: T0,
            changes: [{ field: 'x', from: null, to: 1 }],
          },
        ],
        requester: null,
      },
      reference(),
      lookups(),
      'tickets',
      new Set(['501']),
    );
    expect(r.parts.map((p) => p.key)).toEqual(['comment:c1']);
  });

  it('when the requester is an agent, then comments by that agent stay teammate replies', () => {
    const requester = agent();
    const r = toTicketParts(
      {
        ticket: ticket({ requesterId: requester.id }),
        comments: [comment({ authorId: requester.id, authorRole: 'agent' })],
        events: [],
        requester: null,
      },
      reference(),
      lookups(),
      'tickets',
      new Set([requester.id]),
    );
    expect(r.parts[0]?.body).toMatchObject({ type: 'admin', admin_id: '111', message_type: 'comment' });
  });

  it('when a comment is skipped, then its reason is reported', () => {
    const r = toTicketParts(
      { ticket: ticket(), comments: [comment({ html: '', plain: '' })], events: [], requester: null },
      reference(),
      lookups(),
      'tickets',
      new Set(['501']),
    );
    expect(r.skippedComments).toEqual([
      { commentId: 'c1', reason: 'empty comment: no text and no attachments' },
    ]);
  });
});
