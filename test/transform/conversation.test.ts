import { describe, expect, it } from 'vitest';
import {
  toConversationAssignments,
  toConversationClose,
  toConversationOpening,
  toConversationUpdate,
  toParticipants,
} from '../../src/transform/to-conversation.js';
import { toTicketParts } from '../../src/transform/to-ticket-parts.js';
import { attachment, comment, lookups, reference, T0_SECONDS, ticket } from './fixtures.js';

const settings = { target: 'conversations' as const };

describe('toConversationOpening', () => {
  it("when the first comment is the requester's, then the requester opens with its plain text", () => {
    const o = toConversationOpening(
      ticket(),
      [comment({ html: '<p>Hallo <b>Welt</b> 🌍</p>' })],
      reference(settings),
      'ic-501',
    );
    expect(o.body).toEqual({
      from: { type: 'user', id: 'ic-501' },
      body: 'Hallo Welt 🌍',
      created_at: T0_SECONDS,
    });
    expect(o.openedWith).toBe('c1');
  });

  it('when the first comment is an agent\'s, then the requester opens with "Ticket #N: subject"', () => {
    const o = toConversationOpening(
      ticket(),
      [comment({ authorId: '9001', authorRole: 'agent' })],
      reference(settings),
      'ic-501',
    );
    expect(o.body.body).toBe('Ticket #123: Drucker druckt nicht 🖨️');
    expect(o.openedWith).toBeNull();
  });

  it('when the opening comment has 12 files, then 5 go as URLs with the opener and the rest in requester parts as files', () => {
    const files = Array.from({ length: 12 }, (_, i) => attachment(i + 1));
    const o = toConversationOpening(
      ticket(),
      [comment({ attachments: files })],
      reference(settings),
      'ic-501',
    );
    expect(o.attachments).toHaveLength(5);
    expect(o.continuation.map((p) => [p.key, p.attachments.length, p.transport])).toEqual([
      ['comment:c1#2', 5, 'files'],
      ['comment:c1#3', 2, 'files'],
    ]);
    expect(o.continuation[0]?.body).toMatchObject({ type: 'user', intercom_user_id: 'ic-501' });
  });

  it("when the rest of the comments follow, then the agent's first comment is a teammate reply", () => {
    const comments = [comment({ authorId: '9001', authorRole: 'agent', html: '<p>Hi</p>' })];
    const o = toConversationOpening(ticket(), comments, reference(settings), 'ic-501');
    const rest = comments.filter((c) => c.id !== o.openedWith);
    const r = toTicketParts(
      { ticket: ticket(), comments: rest, events: [], requester: null },
      reference(settings),
      lookups(),
      'conversations',
      new Set(['501']),
    );
    expect(r.parts[0]?.body).toMatchObject({
      type: 'admin',
      admin_id: '111',
      message_type: 'comment',
      skip_notifications: true,
    });
  });
});

describe('conversation follow-ups', () => {
  it('when the conversation exists, then the update sets title and ferry_source_id', () => {
    const { body } = toConversationUpdate(
      ticket(),
      reference({ ...settings, options: { oldIdInSubject: true } }),
      'co-1',
    );
    expect(body).toEqual({
      title: '[#123] Drucker druckt nicht 🖨️',
      custom_attributes: { ferry_source_id: 'zendesk:123' },
      company_id: 'co-1',
    });
  });

  it("when CC'd users are migrated contacts, then they become participants and can reply as themselves", () => {
    const l = lookups({
      '501': { contactId: 'ic-501', name: 'J', email: null },
      '777': { contactId: 'ic-777', name: 'Cara', email: 'cara@x.io' },
      '778': { contactId: null, name: 'Gone', email: null },
    });
    const p = toParticipants(ticket({ ccIds: ['777', '778', '501', '777'] }), l, '999');
    expect(p.bodies).toEqual([{ admin_id: '999', customer: { intercom_user_id: 'ic-777' } }]);
    const r = toTicketParts(
      {
        ticket: ticket({ ccIds: ['777'] }),
        comments: [comment({ authorId: '777' })],
        events: [],
        requester: null,
      },
      reference(settings),
      l,
      'conversations',
      new Set(['501', ...p.sourceIds]),
      p.sourceIds,
    );
    expect(r.parts.map((x) => x.key)).toEqual(['comment:c1']);
    expect(r.parts[0]?.body).toMatchObject({ type: 'user', intercom_user_id: 'ic-777' });
  });

  it('when assignee and team are mapped, then two assignment parts by the fallback teammate follow', () => {
    const ref = reference({ ...settings, mappings: { groups: { g1: 't7' } } });
    expect(toConversationAssignments(ticket({ assigneeId: '9001', groupId: 'g1' }), ref)).toEqual([
      { message_type: 'assignment', type: 'admin', admin_id: '999', assignee_id: '111' },
      { message_type: 'assignment', type: 'team', admin_id: '999', assignee_id: 't7' },
    ]);
  });

  it('when the ticket is solved, then the conversation is closed; open ones are not', () => {
    expect(toConversationClose(ticket({ status: 'solved' }), reference())).toEqual({
      message_type: 'close',
      type: 'admin',
      admin_id: '999',
    });
    expect(toConversationClose(ticket({ status: 'open' }), reference())).toBeNull();
  });
});

describe('agent requester on conversations', () => {
  it('when the requester is an agent whose comment comes first, then the opener is "Ticket #N: subject"', () => {
    const t = ticket({ requesterId: '9001' });
    const o = toConversationOpening(
      t,
      [comment({ authorId: '9001', authorRole: 'agent' })],
      reference(settings),
      'ic-agent',
    );
    expect(o.openedWith).toBeNull();
    expect(o.body.from).toEqual({ type: 'user', id: 'ic-agent' });
  });
});
