// The connector's entry points besides the streams: counts, demo samples, single tickets, delta reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll, recordsOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('Freshdesk connector', () => {
  it('when counts are asked, then contacts and companies come from the filter API total, tickets from the id range (an estimate), the rest is null', async () => {
    const counts = await h.connector.countAvailable();
    const liveContacts = Array.from({ length: h.account.size.contacts }, (_, i) =>
      h.account.contact(i),
    ).filter((c) => !h.account.isDeletedUser(c.id)).length;
    expect(counts).toMatchObject({
      agents: h.account.agents().length,
      groups: h.account.groups().length,
      ticket_fields: h.account.fields('ticket').length,
      categories: h.account.categories().length,
      // Every ticket ever created: live, archived and deleted alike (ids are one sequence per account).
      tickets: h.account.size.tickets,
      contacts: liveContacts,
      companies: h.account.size.companies,
      articles: null,
    });
    expect(h.connector.estimatedCounts).toEqual(['tickets']);
  });

  it('when a demo sample is drawn twice with one seed, then the same existing tickets come back', async () => {
    const a = await h.connector.sampleTickets(8, 'seed-1');
    const b = await h.connector.sampleTickets(8, 'seed-1');
    expect(a.map((t) => t.id)).toEqual(b.map((t) => t.id));
    expect(a.length).toBe(8);
    expect(new Set(a.map((t) => t.id)).size).toBe(8);
    for (const t of a) expect(t.status).not.toBe('deleted');
  });

  it('when a ticket is asked for by id, then live and archived ones are found and missing ones are null', async () => {
    const archived = String(h.account.archivedTicketIndexes()[0]! + 1);
    expect((await h.connector.getTicket('1'))?.archived).toBe(false);
    expect((await h.connector.getTicket(archived))?.archived).toBe(true);
    expect(await h.connector.getTicket('999999')).toBeNull();
  });

  it('when tickets are read since an instant, then only later updates come and the archive is not probed', async () => {
    const i = 40;
    const since = new Date(h.account.ticket(i).updatedAt);
    const before = h.emulator.stats.byRoute['/tickets/archived/:id'] ?? 0;
    const tickets = recordsOf(await readAll(h.connector.streams.tickets!, { since }));
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) expect(Date.parse(t.updatedAt)).toBeGreaterThanOrEqual(since.getTime());
    expect(h.emulator.stats.byRoute['/tickets/archived/:id'] ?? 0).toBe(before);
  });
});
