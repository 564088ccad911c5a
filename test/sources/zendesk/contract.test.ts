// The contract suite: every stream of the Zendesk connector read in full against the emulator. Each
// record parses with the canonical schema, primary keys are unique, cursors move forward, and the read
// returns exactly the emulated account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as canonical from '../../../src/model/canonical.js';
import type { EntityName } from '../../../src/model/canonical.js';
import type { Page, Stream } from '../../../src/sources/connector.js';
import { readAll, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // Small export pages so the time-based export crosses many page boundaries (and its duplicate seconds).
  h = await startHarness({ tickets: 40, emulator: { eventsPageSize: 25 } });
});
afterAll(() => h.close());

const schemaOf: Record<EntityName, z.ZodType> = {
  contacts: canonical.contactSchema,
  companies: canonical.companySchema,
  agents: canonical.agentSchema,
  groups: canonical.groupSchema,
  ticket_fields: canonical.fieldDefinitionSchema,
  contact_fields: canonical.fieldDefinitionSchema,
  company_fields: canonical.fieldDefinitionSchema,
  tags: canonical.tagSchema,
  tickets: canonical.ticketSchema,
  comments: canonical.commentSchema,
  ticket_events: canonical.ticketEventSchema,
  categories: canonical.categorySchema,
  sections: canonical.sectionSchema,
  articles: canonical.articleSchema,
};

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sorted = (xs: string[]): string[] => [...xs].sort();

async function contract<E extends EntityName>(
  stream: Stream<E> | undefined,
): Promise<{
  records: Array<canonical.EntityRecordMap[E]>;
  pages: Array<Page<canonical.EntityRecordMap[E]>>;
}> {
  expect(stream).toBeDefined();
  const pages = await readAll(stream!.read());
  const records = pages.flatMap((p) => p.records);
  expect(pages.flatMap((p) => p.errors)).toEqual([]);
  for (const r of records) schemaOf[stream!.name].parse(r);
  const keys = records.map((r) => stream!.primaryKey(r));
  expect(new Set(keys).size).toBe(keys.length);
  // Cursors: every page but the last says where to go next, and no cursor repeats.
  const cursors = pages.map((p) => p.cursor);
  expect(cursors.at(-1)).toBeNull();
  expect(cursors.slice(0, -1).every((c) => c !== null)).toBe(true);
  expect(new Set(cursors.slice(0, -1)).size).toBe(cursors.length - 1);
  return { records, pages };
}

describe('Zendesk connector contract', () => {
  it('when contacts are read in full, then every end user comes back once (deleted ones flagged)', async () => {
    const { records } = await contract(h.connector.streams.contacts);
    const expected = range(h.account.size.contacts).map((i) => h.account.contact(i));
    expect(sorted(records.map((r) => r.id))).toEqual(sorted(expected.map((c) => c.id)));
    for (const e of expected) {
      const got = records.find((r) => r.id === e.id)!;
      expect([got.email, got.phone, got.companyIds[0] ?? null, got.deleted]).toEqual([
        e.email,
        e.phone,
        e.companyIds[0] ?? null,
        e.deleted,
      ]);
      expect(got.customFields).toEqual(e.customFields);
    }
  });

  it('when agents are read, then each comes with its active flag and groups', async () => {
    const { records } = await contract(h.connector.streams.agents);
    expect(records.map((r) => [r.id, r.active, sorted(r.groupIds)])).toEqual(
      h.account.agents().map((a) => [a.id, a.active, sorted(a.groupIds)]),
    );
  });

  it('when companies, groups and tags are read, then they equal the account', async () => {
    const companies = await contract(h.connector.streams.companies);
    expect(companies.records.map((r) => r.id)).toEqual(
      range(h.account.size.companies).map((i) => h.account.company(i).id),
    );
    const groups = await contract(h.connector.streams.groups);
    expect(groups.records.map((r) => r.name)).toEqual(h.account.groups().map((g) => g.name));
    const tags = await contract(h.connector.streams.tags);
    const expected = new Set(range(h.account.size.tickets).flatMap((i) => h.account.ticket(i).tags));
    expect(new Set(tags.records.map((t) => t.name))).toEqual(expected);
  });

  it('when field definitions are read, then every custom field type is there with its options', async () => {
    const ticket = await contract(h.connector.streams.ticket_fields);
    const custom = ticket.records.filter((f) => !f.system);
    expect(custom.map((f) => [f.id, f.type, f.options])).toEqual(
      h.account.fields('ticket').map((f) => [f.id, f.type, f.options]),
    );
    const contact = await contract(h.connector.streams.contact_fields);
    expect(contact.records.map((f) => f.key)).toEqual(h.account.fields('contact').map((f) => f.key));
    const company = await contract(h.connector.streams.company_fields);
    expect(company.records.map((f) => f.key)).toEqual(h.account.fields('company').map((f) => f.key));
  });

  it('when tickets are read through the export, then live tickets come back and deleted ones are reported', async () => {
    const { records, pages } = await contract(h.connector.streams.tickets);
    const deleted = h.account.deletedTicketIndexes().map((i) => String(i + 1));
    const live = range(h.account.size.tickets).filter((i) => !deleted.includes(String(i + 1)));
    expect(records.map((t) => t.id)).toEqual(live.map((i) => String(i + 1)));
    expect(pages.flatMap((p) => p.deletedIds)).toEqual(deleted);
    const fieldIdByKey = new Map(h.account.fields('ticket').map((f) => [f.key, f.id]));
    for (const i of live) {
      const e = h.account.ticket(i);
      const got = records.find((t) => t.id === e.id)!;
      expect([got.subject, got.status, got.requesterId, got.assigneeId, got.ccIds, got.followerIds]).toEqual([
        e.subject,
        e.status,
        e.requesterId,
        e.assigneeId,
        e.ccIds,
        e.followerIds,
      ]);
      for (const [key, value] of Object.entries(e.customFields))
        expect(got.customFields[fieldIdByKey.get(key)!]).toEqual(value);
    }
  });

  it('when comments are read in bulk from the events export, then every comment arrives once, in time order', async () => {
    const { records } = await contract(h.connector.commentEvents);
    const expected = range(h.account.size.tickets).flatMap((i) => h.account.comments(i));
    expect(sorted(records.map((c) => c.id))).toEqual(sorted(expected.map((c) => c.id)));
    const times = records.map((c) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const first = records.find((c) => c.id === expected[0]!.id)!;
    expect([first.ticketId, first.authorId, first.public, first.html]).toEqual([
      expected[0]!.ticketId,
      expected[0]!.authorId,
      expected[0]!.public,
      expected[0]!.html,
    ]);
  });

  it('when ticket events are read from the export, then every field change arrives once', async () => {
    const { records } = await contract(h.connector.streams.ticket_events);
    const expected = range(h.account.size.tickets).flatMap((i) => h.account.ticketEvents(i));
    expect(sorted(records.map((e) => e.id))).toEqual(sorted(expected.map((e) => e.id)));
  });

  it('when help-center content is read, then categories, sections and articles with translations match', async () => {
    const categories = await contract(h.connector.streams.categories);
    expect(categories.records.map((c) => c.id)).toEqual(h.account.categories().map((c) => c.id));
    const sections = await contract(h.connector.streams.sections);
    expect(sections.records.map((s) => [s.id, s.parentSectionId])).toEqual(
      h.account.sections().map((s) => [s.id, s.parentSectionId]),
    );
    const articles = await contract(h.connector.streams.articles);
    expect(
      articles.records.map((a) => [a.id, a.state, a.translations.map((t) => t.locale), a.attachments.length]),
    ).toEqual(
      h.account
        .articles()
        .map((a) => [a.id, a.state, a.translations.map((t) => t.locale), a.attachments.length]),
    );
  });

  it('when the comments of a ticket are read, then they match the account in order, inline images included', async () => {
    const ids = ['2', '5', '8'];
    const results = [];
    for await (const r of h.connector.readComments(ids)) results.push(r);
    for (const r of results) {
      const expected = h.account.comments(Number(r.ticketId) - 1);
      expect(r.errors).toEqual([]);
      expect(
        r.comments.map((c) => [c.id, c.authorId, c.public, c.plain, c.attachments.map((a) => a.fileName)]),
      ).toEqual(
        expected.map((c) => [c.id, c.authorId, c.public, c.plain, c.attachments.map((a) => a.fileName)]),
      );
    }
    const long = results.find((r) => r.ticketId === '8')!;
    expect(long.comments).toHaveLength(600);
  });
});
