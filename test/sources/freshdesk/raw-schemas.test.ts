// The raw schemas against responses not written here (python-freshdesk's BSD fixtures), and the emulator's
// shapes against the same fixtures: every field a schema reads and the fixture has, the emulator sends too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  rawAgentSchema,
  rawArticleSchema,
  rawCategorySchema,
  rawCompanySchema,
  rawContactSchema,
  rawConversationSchema,
  rawFolderSchema,
  rawGroupSchema,
  rawRoleSchema,
  rawTicketSchema,
} from '../../../src/sources/freshdesk/raw-schemas.js';
import { toTicket } from '../../../src/sources/freshdesk/to-ticket.js';
import { descriptionToComment, toComment } from '../../../src/sources/freshdesk/to-comment.js';
import { API_KEY, startHarness, type Harness } from './harness.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/freshdesk', name), 'utf8'));
const asList = (x: unknown): unknown[] => (Array.isArray(x) ? x : [x]);

const CASES: Array<[string, z.ZodObject, string]> = [
  ['ticket_1.json', rawTicketSchema, '/api/v2/tickets/1'],
  ['conversations.json', rawConversationSchema, '/api/v2/tickets/2/conversations'],
  ['agent_1.json', rawAgentSchema, '/api/v2/agents/me'],
  ['contact.json', rawContactSchema, '/api/v2/contacts'],
  ['company.json', rawCompanySchema, '/api/v2/companies'],
  ['groups.json', rawGroupSchema, '/api/v2/groups'],
  ['roles.json', rawRoleSchema, '/api/v2/roles'],
  ['solution_categories.json', rawCategorySchema, '/api/v2/solutions/categories'],
  ['solution_folders.json', rawFolderSchema, '/api/v2/solutions/categories/6000001/folders'],
  ['solution_articles.json', rawArticleSchema, '/api/v2/solutions/folders/6100001/articles'],
];

describe('Freshdesk raw schemas and vendor fixtures', () => {
  it.each(CASES)('when %s is parsed, then the raw schema accepts it', (file, schema) => {
    for (const item of asList(fixture(file))) expect(schema.safeParse(item).error).toBeUndefined();
  });

  it('when the fixture ticket and conversations are mapped, then the canonical values are right', () => {
    const t = toTicket(rawTicketSchema.parse(fixture('ticket_1.json')), false);
    expect(t).toMatchObject({
      id: '1',
      status: 'open',
      priority: 'low',
      channel: 'portal',
      ccEmails: ['test2@example.com'],
    });
    const first = descriptionToComment(rawTicketSchema.parse(fixture('ticket_1.json')));
    expect(first.comment.attachments[0]).toMatchObject({
      size: 44115,
      fileName: 'attachment.txt',
      inline: false,
    });
    const [note, reply] = (fixture('conversations.json') as unknown[]).map(
      (c) => toComment(rawConversationSchema.parse(c), '1', new Set(['1'])).comment,
    );
    expect([note!.public, note!.authorRole, reply!.public]).toEqual([false, 'agent', true]);
  });

  it('when a record is missing what the schema needs, then it is a record error with the vendor id', async () => {
    const { parseEach } = await import('../../../src/sources/shared/parse.js');
    const out = parseEach('tickets', rawTicketSchema, [{ id: 77, subject: 'no dates' }], (r) => r);
    expect(out.records).toEqual([]);
    expect(out.errors[0]).toMatchObject({ entity: 'tickets', sourceId: '77' });
  });
});

describe('Freshdesk emulator shapes against the vendor fixtures', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tickets: 20 });
  });
  afterAll(() => h.close());

  it.each(CASES)(
    'when the emulator serves what %s shows, then it sends every field Ferry reads',
    async (file, schema, url) => {
      const res = await fetch(`${h.emulator.url}${url}`, {
        headers: { authorization: `Basic ${Buffer.from(`${API_KEY}:X`).toString('base64')}` },
      });
      expect(res.status).toBe(200);
      const served = asList(await res.json())[0] as Record<string, unknown>;
      expect(schema.safeParse(served).error).toBeUndefined();
      const read = Object.keys(schema.shape);
      const vendor = Object.keys(asList(fixture(file))[0] as object);
      const missing = read.filter((k) => vendor.includes(k) && !(k in served));
      expect(missing).toEqual([]);
    },
  );
});
