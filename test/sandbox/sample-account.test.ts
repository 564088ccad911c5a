import { describe, expect, it } from 'vitest';
import {
  commentSchema,
  contactSchema,
  companySchema,
  agentSchema,
  articleSchema,
  ticketSchema,
  ticketEventSchema,
  fieldDefinitionSchema,
} from '../../src/model/canonical.js';
import {
  createSampleAccount,
  HARD_CASES,
  HUGE_ATTACHMENT_BYTES,
  LONG_TICKET_COMMENTS,
  withOrigin,
} from '../../src/sandbox/sample-account/index.js';

const account = createSampleAccount({ seed: 'test', tickets: 200 });
const origin = 'http://127.0.0.1:9';
const allComments = Array.from({ length: account.size.tickets }, (_, i) => account.comments(i)).flat();

describe('sample account', () => {
  it('when created twice with the same seed, then every record is identical', () => {
    const again = createSampleAccount({ seed: 'test', tickets: 200 });
    expect(again.ticket(57)).toEqual(account.ticket(57));
    expect(again.comments(57)).toEqual(account.comments(57));
    expect(again.contact(33)).toEqual(account.contact(33));
    expect(createSampleAccount({ seed: 'other', tickets: 200 }).ticket(57)).not.toEqual(account.ticket(57));
  });

  it('when asked for 100,000 tickets, then the last ticket is computed on demand', () => {
    const big = createSampleAccount({ tickets: 100_000 });
    expect(big.ticket(99_999).id).toBe('100000');
    expect(big.size.contacts).toBe(50_010);
    expect(() => big.ticket(100_000)).toThrow(RangeError);
  });

  it('when every record is parsed by the canonical schemas, then all pass (paths made absolute)', () => {
    for (let i = 0; i < account.size.tickets; i++) ticketSchema.parse(account.ticket(i));
    for (const c of allComments) commentSchema.parse(withOrigin(c, origin));
    for (let i = 0; i < account.size.contacts; i++) contactSchema.parse(account.contact(i));
    for (let i = 0; i < account.size.companies; i++) companySchema.parse(account.company(i));
    account.agents().forEach((a) => agentSchema.parse(a));
    account.articles().forEach((a) => articleSchema.parse(withOrigin(a, origin)));
    account.ticketEvents(3).forEach((e) => ticketEventSchema.parse(e));
    (['ticket', 'contact', 'company'] as const).forEach((s) =>
      account.fields(s).forEach((f) => fieldDefinitionSchema.parse(f)),
    );
  });

  it('when the hard cases are looked for, then each is present', () => {
    const tickets = Array.from({ length: account.size.tickets }, (_, i) => account.ticket(i));
    expect(new Set(tickets.map((t) => t.status))).toEqual(
      new Set(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']),
    );
    expect(new Set(tickets.map((t) => t.type))).toEqual(
      new Set(['question', 'incident', 'problem', 'task', null]),
    );
    expect(account.comments(HARD_CASES.longTicket)).toHaveLength(LONG_TICKET_COMMENTS);
    const attachmentCounts = new Set(allComments.map((c) => c.attachments.length));
    for (const n of [0, 1, 6, 12]) expect(attachmentCounts).toContain(n);
    expect(
      allComments.some(
        (c) => c.attachments.some((a) => a.inline) && c.html.includes('<img src="/attachments/'),
      ),
    ).toBe(true);
    expect(allComments.some((c) => !c.public)).toBe(true);
    expect(allComments.some((c) => c.html.includes('<script>') && c.html.includes('onerror='))).toBe(true);
    expect(allComments.some((c) => /[äöü]/.test(c.html))).toBe(true);
    expect(allComments.some((c) => c.html.includes('<table>'))).toBe(true);
    expect(allComments.some((c) => c.authorId !== null && account.isDeletedUser(c.authorId))).toBe(true);
    expect(tickets.some((t) => t.ccIds.length > 0 && t.ccEmails.length > 0)).toBe(true);
    expect(tickets.some((t) => t.followerIds.length > 0)).toBe(true);
    expect(account.ticket(HARD_CASES.requestedByAgent).requesterId).toBe(account.agents()[1]!.id);
    const types = new Set(account.fields('ticket').map((f) => f.type));
    for (const t of [
      'text',
      'textarea',
      'checkbox',
      'integer',
      'decimal',
      'date',
      'dropdown',
      'multiselect',
      'lookup',
      'nested',
      'regexp',
      'partialcreditcard',
    ])
      expect(types).toContain(t);
    expect(account.agents().some((a) => !a.active)).toBe(true);
    const contacts = Array.from({ length: account.size.contacts }, (_, i) => account.contact(i));
    expect(contacts.some((c) => c.companyIds.length === 0)).toBe(true);
    expect(contacts.some((c) => c.companyIds.length > 0)).toBe(true);
    const usedCompanies = new Set(contacts.flatMap((c) => c.companyIds));
    expect(usedCompanies.size).toBeLessThan(account.size.companies);
    const emails = contacts.map((c) => c.email).filter((e): e is string => e !== null);
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBeLessThan(new Set(emails).size);
    expect(contacts.some((c) => c.phone === 'not a phone' || c.phone === '12' || c.phone === '0000')).toBe(
      true,
    );
    const locales = new Set(account.articles().flatMap((a) => a.translations.map((t) => t.locale)));
    expect(locales).toEqual(new Set(['en-us', 'de', 'fr']));
    expect(account.deletedTicketIndexes().length).toBeGreaterThan(0);
    expect(account.archivedTicketIndexes().length).toBeGreaterThan(0);
  });

  it('when comments are counted, then a ticket has about five on average (the long ticket aside)', () => {
    const avg = (allComments.length - LONG_TICKET_COMMENTS) / (account.size.tickets - 1);
    expect(avg).toBeGreaterThan(4);
    expect(avg).toBeLessThan(6);
  });

  it('when an attachment is fetched by id, then its bytes are deterministic and huge files are sized only', () => {
    const a = account.comments(HARD_CASES.oneAttachment)[0]!.attachments[0]!;
    const first = account.attachmentBytes(a.id)!;
    expect(Buffer.isBuffer(first.bytes) && first.bytes.length).toBe(a.size);
    expect(account.attachmentBytes(a.id)!.bytes).toEqual(first.bytes);
    const huge = account.comments(HARD_CASES.hugeAttachment)[0]!.attachments[0]!;
    expect(account.attachmentBytes(huge.id)!.bytes).toBe(HUGE_ATTACHMENT_BYTES);
    const articleFile = account.articles().flatMap((x) => x.attachments)[0]!;
    expect(account.attachmentBytes(articleFile.id)).not.toBeNull();
    expect(account.attachmentBytes('999')).toBeNull();
  });
});
