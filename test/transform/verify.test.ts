import { describe, expect, it } from 'vitest';
import { toArticle } from '../../src/transform/to-article.js';
import { toCompany } from '../../src/transform/to-company.js';
import { toContact } from '../../src/transform/to-contact.js';
import { compareArticle, compareCompany, compareContact } from '../../src/transform/verify-records.js';
import {
  compareThread,
  expectedThread,
  missingFiles,
  PAST_500_PARTS,
  type ActualThread,
  type ExpectedThread,
  type RowState,
} from '../../src/transform/verify-thread.js';
import type { Article } from '../../src/model/canonical.js';
import { attachment, comment, company, contact, lookups, reference, T0, ticket } from './fixtures.js';

const ref = reference({ mappings: { agents: { '9001': '111' } }, options: { tagMigrated: false } });
const comments = [
  comment({ id: 'c1' }),
  comment({
    id: 'c2',
    authorId: '9001',
    authorRole: 'agent',
    createdAt: '2024-03-02T10:00:00Z',
    attachments: [attachment(1), attachment(2)],
  }),
  comment({
    id: 'c3',
    authorId: '9001',
    authorRole: 'agent',
    public: false,
    createdAt: '2024-03-03T10:00:00Z',
  }),
];
const migrated = (target: string): RowState => ({ status: 'migrated', target_id: target });

function expected(o: { partRows?: Map<string, RowState>; attachmentRows?: Map<string, RowState> } = {}) {
  return expectedThread({
    target: 'tickets',
    ticket: ticket({ tags: ['vip', 'billing'], status: 'solved' }),
    comments,
    requester: null,
    ref,
    lookups: lookups(),
    requesterContactId: 'ic-501',
    companyId: null,
    partRows:
      o.partRows ??
      new Map([
        ['comment:c1', migrated('p1')],
        ['comment:c2', migrated('p2')],
        ['comment:c3', migrated('p3')],
      ]),
    attachmentRows:
      o.attachmentRows ??
      new Map([
        ['a1', migrated('p2')],
        ['a2', migrated('p2')],
      ]),
  });
}

/** What Intercom shows when it holds exactly what Ferry wrote. */
function faithful(e: ExpectedThread): ActualThread {
  return {
    parts: e.parts.map((p) => ({
      id: p.targetId!,
      partType: p.note ? 'note' : 'comment',
      createdAt: p.createdAt,
      authorId: p.authorId,
      attachmentNames: [...p.attachmentNames],
      links: [...p.links],
    })),
    totalParts: e.parts.length,
    state: e.state,
    tags: [...e.tags],
    attributes: { ...e.attributes },
    contactIds: [e.requesterContactId],
  };
}

describe('verifying a ticket against what Intercom shows', () => {
  it('when Intercom holds what Ferry wrote, then the ticket matches', () => {
    const e = expected();
    expect(e.parts.map((p) => p.key)).toEqual(['comment:c1', 'comment:c2', 'comment:c3']);
    expect(compareThread(e, faithful(e))).toEqual({ outcome: 'matched' });
  });

  it('when a reply is gone, then the problem names it by position, date and author', () => {
    const e = expected();
    const a = faithful(e);
    a.parts.splice(1, 1);
    expect(compareThread(e, a)).toEqual({
      outcome: 'mismatched',
      problems: ['Reply 2 of 3 (created 2024-03-02 by alice@help.example) is missing in Intercom.'],
    });
  });

  it('when a file, a tag, the state and an attribute differ, then each is one sentence', () => {
    const e = expected();
    const a = faithful(e);
    a.parts[1]!.attachmentNames = ['file-2.pdf'];
    a.tags = ['billing'];
    a.state = { id: 's2', label: 'In progress' };
    a.attributes = { ...a.attributes, _default_title_: 'Something else' };
    expect(compareThread(e, a)).toEqual({
      outcome: 'mismatched',
      problems: [
        'The ticket\'s state is "In progress" in Intercom; Ferry set "Resolved".',
        'Tag "vip" is missing on the ticket in Intercom.',
        `Attribute "_default_title_" is "Something else" in Intercom; Ferry wrote "${e.attributes._default_title_}".`,
        'Attachment "file-1.pdf" of reply 2 of 3 (created 2024-03-02 by alice@help.example) is missing in Intercom.',
      ],
    });
  });

  it('when a note became a reply, its date or author changed, or parts swapped places, then each is named', () => {
    const e = expected();
    const a = faithful(e);
    a.parts[2]!.partType = 'comment';
    a.parts[1]!.createdAt = 1;
    [a.parts[0], a.parts[1]] = [a.parts[1]!, a.parts[0]!];
    const verdict = compareThread(e, a);
    expect(verdict.outcome).toBe('mismatched');
    expect(verdict.outcome === 'mismatched' && verdict.problems).toEqual([
      'Reply 2 of 3 (created 2024-03-02 by alice@help.example) comes before reply 1 of 3 (created 2021-03-04 by juergen@example.com) in Intercom; the source has it after.',
      'Reply 2 of 3 (created 2024-03-02 by alice@help.example) shows the date 1970-01-01T00:00:01.000Z in Intercom.',
      'Note 3 of 3 (created 2024-03-03 by alice@help.example) is a public reply in Intercom.',
    ]);
  });

  it('when a comment or file was not migrated (failed or skipped with its reason), then it is not expected in Intercom', () => {
    const e = expected({
      partRows: new Map([
        ['comment:c1', migrated('p1')],
        ['comment:c2', { status: 'failed', target_id: null }],
        ['comment:c3', migrated('p3')],
      ]),
      attachmentRows: new Map([['a1', { status: 'skipped', target_id: null }]]),
    });
    expect(e.parts.map((p) => p.key)).toEqual(['comment:c1', 'comment:c3']);
    const a = faithful(e);
    expect(compareThread(e, a)).toEqual({ outcome: 'matched' });
  });

  it('when Intercom holds more than 500 parts, then the ticket is "not verifiable past 500 parts", never matched', () => {
    const e = expected();
    const a = faithful(e);
    a.totalParts = 501;
    a.parts = a.parts.slice(1); // the oldest fell out of the latest 500
    expect(compareThread(e, a)).toEqual({ outcome: 'unverifiable', reason: PAST_500_PARTS });
    a.tags = [];
    expect(compareThread(e, a).outcome).toBe('mismatched');
  });

  it('when Intercom does not show the ticket’s tags, then tags are not compared', () => {
    const e = expected();
    expect(compareThread(e, { ...faithful(e), tags: null })).toEqual({ outcome: 'matched' });
  });

  it('when a list attribute reads back as its label, then it matches the item id Ferry wrote', () => {
    const e = { ...expected(), attributes: { Region: 'item-7' }, listLabels: { 'item-7': 'EMEA' } };
    expect(compareThread(e, { ...faithful(e), attributes: { Region: 'EMEA' } })).toEqual({
      outcome: 'matched',
    });
    expect(compareThread(e, { ...faithful(e), attributes: {} })).toEqual({
      outcome: 'mismatched',
      problems: ['Attribute "Region" is empty in Intercom; Ferry wrote "EMEA".'],
    });
  });
});

describe('verifying contacts, companies and articles', () => {
  it('when a contact lost its e-mail case, then it matches; when its company link or phone is gone, then each is named', () => {
    const c = contact({ phone: '+49 30 1234567', companyIds: ['77'] });
    const body = toContact(c, ref).body;
    const e = { body, companyIds: ['ic-co'], tags: [], shared: false };
    const a = {
      email: 'juergen@example.com',
      externalId: null,
      name: c.name,
      phone: body.phone ?? null,
      companyIds: ['ic-co'],
      tags: [],
    };
    expect(compareContact(e, a)).toEqual({ outcome: 'matched' });
    expect(compareContact(e, { ...a, companyIds: [], phone: null })).toEqual({
      outcome: 'mismatched',
      problems: [
        `The contact's phone is "" in Intercom; Ferry wrote "${body.phone}".`,
        'The contact is not linked to company ic-co in Intercom.',
      ],
    });
  });

  it('when a company’s name or an attribute differs, then each is named', () => {
    const body = toCompany(company(), ref).body;
    expect(
      compareCompany(body, { name: 'Acme GmbH', customAttributes: { ...body.custom_attributes } }),
    ).toEqual({
      outcome: 'matched',
    });
    expect(compareCompany(body, { name: 'Acme', customAttributes: {} }).outcome).toBe('mismatched');
  });

  it('when an article lost a link, an image or a translation, then each is named', () => {
    const article: Article = {
      id: '5',
      title: 'Price list',
      html: '<p>See <a href="https://acme.example/prices">prices</a><img src="https://acme.zendesk.example/i/1.png"></p>',
      locale: 'en-us',
      state: 'published',
      authorId: '9001',
      sectionId: null,
      url: null,
      attachments: [attachment(1, { url: 'https://acme.zendesk.example/i/1.png', fileName: '1.png' })],
      translations: [
        {
          locale: 'de',
          title: 'Preise',
          html: '<p>Preise</p>',
          state: 'draft',
          authorId: null,
          updatedAt: T0,
        },
      ],
      createdAt: T0,
      updatedAt: T0,
    };
    const body = toArticle(
      article,
      reference({ options: { translations: true } }),
      '42',
      () => 'https://ferry.example/files/x',
    ).body;
    const faithfulArticle = {
      title: body.title,
      state: body.state,
      parentId: '42',
      body: body.body,
      translations: { de: { state: 'draft', body: '<p>Preise</p>' } },
    };
    expect(compareArticle(body, faithfulArticle)).toEqual({ outcome: 'matched' });
    expect(compareArticle(body, { ...faithfulArticle, body: '<p>See prices</p>', translations: {} })).toEqual(
      {
        outcome: 'mismatched',
        problems: [
          'The link to https://acme.example/prices is missing from the article in Intercom.',
          '1 of the 1 image(s) of the article are missing in Intercom.',
          'The de translation is missing in Intercom.',
        ],
      },
    );
  });
});

describe('verifying a conversation', () => {
  it('when the file of the requester’s opening message is gone, then the opening reply is named', () => {
    const e = expectedThread({
      target: 'conversations',
      ticket: ticket({ status: 'solved' }),
      comments: [comment({ id: 'c1', attachments: [attachment(1), attachment(2)] }), comments[1]!],
      requester: null,
      ref,
      lookups: lookups(),
      requesterContactId: 'ic-501',
      companyId: null,
      partRows: new Map([['comment:c2', migrated('p2')]]),
      attachmentRows: new Map([
        ['a1', migrated('conv')],
        ['a2', migrated('conv')],
      ]),
    });
    expect(e.parts.map((p) => p.key)).toEqual(['comment:c2']);
    const a: ActualThread = {
      ...faithful(e),
      state: { closed: true },
      opener: { authorId: 'ic-501', attachmentNames: ['x', 'y'] },
    };
    expect(compareThread(e, a)).toEqual({ outcome: 'matched' });
    expect(
      compareThread(e, {
        ...a,
        opener: { authorId: 'ic-501', attachmentNames: ['x'] },
        state: { closed: false },
      }),
    ).toEqual({
      outcome: 'mismatched',
      problems: [
        'The conversation is open in Intercom; the source ticket is solved or closed.',
        'Reply 1 of 2 (created 2021-03-04 by juergen@example.com), which opens the conversation, has 1 of its 2 attachment(s) missing in Intercom.',
      ],
    });
  });
});

describe('files Intercom names after the link it fetched them from', () => {
  it('when Intercom names a file after its link, then it still counts; when one is gone, then the count says so', () => {
    const label = 'Reply 1 of 2 (created 2021-03-04 by juergen@example.com)';
    expect(missingFiles(label, ['a.pdf', 'b.png'], ['eyJhbGc1', 'eyJhbGc2'])).toEqual([]);
    expect(missingFiles(label, ['a.pdf', 'b.png'], ['eyJhbGc1'])).toEqual([
      `${label} has 1 of its 2 attachment(s) missing in Intercom.`,
    ]);
    expect(missingFiles(label, ['a.pdf', 'b.png'], ['b.png'])).toEqual([
      `Attachment "a.pdf" of reply 1 of 2 (created 2021-03-04 by juergen@example.com) is missing in Intercom.`,
    ]);
  });
});
