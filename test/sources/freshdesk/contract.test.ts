// The contract every stream of the Freshdesk connector keeps against the emulator: every record parses as
// canonical, primary keys are unique, cursors only move forward (resuming from one yields exactly the rest),
// and a full read returns exactly the emulated account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  agentSchema,
  articleSchema,
  categorySchema,
  commentSchema,
  companySchema,
  contactSchema,
  fieldDefinitionSchema,
  groupSchema,
  sectionSchema,
  ticketSchema,
  type EntityName,
} from '../../../src/model/canonical.js';
import type { Stream } from '../../../src/sources/connector.js';
import { startHarness, readAll, recordsOf, range, type Harness } from './harness.js';

const SCHEMAS: Partial<Record<EntityName, z.ZodType>> = {
  contacts: contactSchema,
  companies: companySchema,
  agents: agentSchema,
  groups: groupSchema,
  ticket_fields: fieldDefinitionSchema,
  contact_fields: fieldDefinitionSchema,
  company_fields: fieldDefinitionSchema,
  tickets: ticketSchema,
  categories: categorySchema,
  sections: sectionSchema,
  articles: articleSchema,
};

/** Field types Freshdesk does not have: the emulator serves them as single-line text. */
const FRESHDESK_HAS: Partial<Record<string, string>> = {
  regexp: 'text',
  partialcreditcard: 'text',
  other: 'text',
};

let h: Harness;
beforeAll(async () => {
  // Small pages so every stream has several, and a low page cap so tickets need several windows.
  h = await startHarness({ tickets: 60, emulator: { maxPage: 4 }, tuning: { perPage: 5, maxPage: 4 } });
});
afterAll(() => h.close());

describe('Freshdesk streams: contract', () => {
  const names = Object.keys(SCHEMAS) as EntityName[];

  it.each(names)(
    'when %s is read in full, then every record parses and primary keys are unique',
    async (name) => {
      const s = h.connector.streams[name] as Stream<EntityName> | undefined;
      expect(s, `stream ${name}`).toBeDefined();
      const pages = await readAll(s!);
      const records = recordsOf(pages);
      expect(records.length).toBeGreaterThan(0);
      expect(pages.flatMap((p) => p.errors)).toEqual([]);
      for (const r of records) expect(() => SCHEMAS[name]!.parse(r)).not.toThrow();
      const keys = records.map((r) => s!.primaryKey(r));
      expect(new Set(keys).size).toBe(keys.length);
    },
  );

  it.each(names)(
    'when %s is resumed from a cursor, then it yields exactly the records after it',
    async (name) => {
      const s = h.connector.streams[name] as Stream<EntityName>;
      const pages = await readAll(s);
      expect(pages.at(-1)!.cursor).toBeNull();
      for (const p of pages.slice(0, -1)) expect(p.cursor).not.toBeNull();
      if (pages.length < 2) return;
      const k = Math.floor(pages.length / 2) - 1;
      const rest = await readAll(s, { cursor: pages[k]!.cursor });
      const expected = recordsOf(pages.slice(k + 1)).map((r) => s.primaryKey(r));
      expect(recordsOf(rest).map((r) => s.primaryKey(r))).toEqual(expected);
    },
  );
});

describe('Freshdesk streams: a full read equals the emulated account', () => {
  it('when tickets are read, then live and archived tickets come back and deleted ones are reported', async () => {
    const pages = await readAll(h.connector.streams.tickets!);
    const tickets = recordsOf(pages);
    const deleted = new Set(h.account.deletedTicketIndexes());
    const archived = new Set(h.account.archivedTicketIndexes());
    const expected = range(h.account.size.tickets).filter((i) => !deleted.has(i));
    expect(tickets.map((t) => t.id).sort((a, b) => Number(a) - Number(b))).toEqual(
      expected.map((i) => String(i + 1)),
    );
    expect(pages.flatMap((p) => p.deletedIds).sort()).toEqual([...deleted].map((i) => String(i + 1)).sort());
    for (const t of tickets) {
      const i = Number(t.id) - 1;
      const source = h.account.ticket(i);
      expect({
        subject: t.subject,
        requester: t.requesterId,
        updated: t.updatedAt,
        archived: t.archived,
      }).toEqual({
        subject: source.subject,
        requester: source.requesterId,
        updated: source.updatedAt,
        archived: archived.has(i),
      });
    }
  });

  it('when people and fields are read, then every contact, company, agent, group and field is there', async () => {
    const ids = async (name: EntityName) =>
      recordsOf(await readAll(h.connector.streams[name] as Stream<EntityName>)).map(
        (r) => (r as { id: string }).id,
      );
    const a = h.account;
    expect((await ids('contacts')).sort()).toEqual(
      range(a.size.contacts)
        .map((i) => a.contact(i).id)
        .sort(),
    );
    expect(await ids('companies')).toEqual(range(a.size.companies).map((i) => a.company(i).id));
    expect(await ids('agents')).toEqual(a.agents().map((x) => x.id));
    expect(await ids('groups')).toEqual(a.groups().map((x) => x.id));
    for (const scope of ['ticket', 'contact', 'company'] as const) {
      // Freshdesk lists its default fields first (the carried ones: test/sources/freshdesk/losses.test.ts).
      const fields = recordsOf(await readAll(h.connector.streams[`${scope}_fields`]!)).filter(
        (f) => !f.rawType.startsWith('default_'),
      );
      expect(fields.map((f) => [f.key, f.title, f.type])).toEqual(
        a.fields(scope).map((f) => [f.key, f.title, FRESHDESK_HAS[f.type] ?? f.type]),
      );
    }
    const deletedContacts = recordsOf(await readAll(h.connector.streams.contacts!)).filter((c) => c.deleted);
    expect(deletedContacts.map((c) => c.id).sort()).toEqual(
      range(a.size.contacts)
        .map((i) => a.contact(i))
        .filter((c) => c.deleted)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('when the knowledge base is read, then every article comes with its translations', async () => {
    const articles = recordsOf(await readAll(h.connector.streams.articles!));
    const expected = h.account.articles();
    expect(articles.map((x) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
    for (const x of articles) {
      const source = expected.find((e) => e.id === x.id)!;
      expect(x.translations.map((t) => [t.locale, t.title, t.state]).sort()).toEqual(
        source.translations.map((t) => [t.locale, t.title, t.state]).sort(),
      );
      expect(x.attachments.length).toBe(source.attachments.length);
    }
    const sections = recordsOf(await readAll(h.connector.streams.sections!));
    expect(sections.map((s) => s.id).sort()).toEqual(
      h.account
        .sections()
        .map((s) => s.id)
        .sort(),
    );
  });

  it('when comments are read, then each ticket has its messages in order with their attachments', async () => {
    // 1: one attachment; 2: 6 and 12 attachments; 4: inline image (archived); 7: 600 comments.
    const ids = ['2', '3', '5', '8'];
    for await (const r of h.connector.readComments(ids)) {
      const source = h.account.comments(Number(r.ticketId) - 1);
      expect(r.errors).toEqual([]);
      expect(r.comments.length).toBe(source.length);
      for (const c of r.comments) expect(() => commentSchema.parse(c)).not.toThrow();
      expect(r.comments.map((c) => [c.public, c.plain, c.attachments.length])).toEqual(
        source.map((c) => [c.public, c.plain, c.attachments.length]),
      );
      expect(r.comments.slice(1).map((c) => c.id)).toEqual(source.slice(1).map((c) => c.id));
    }
  });
});
