// Issue 12, source side: what a full Freshdesk read costs in calls. The floor is one call per ticket (its
// view with include=conversations) plus one list call per 100 tickets; archived tickets are read once, by the
// tickets stream, and their comments travel with the page so nothing reads them again.
import { afterEach, describe, expect, it } from 'vitest';
import axios from 'axios';
import type { Ticket } from '../../../src/model/canonical.js';
import type { Page } from '../../../src/sources/connector.js';
import { createFreshdeskConnector } from '../../../src/sources/freshdesk/connector.js';
import { API_KEY, FAST_RETRY, silent, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Routes of one ticket each (its view, live or archived, and its conversation pages). */
const PER_TICKET = ['/tickets/:id', '/tickets/archived/:id', '/tickets/:id/conversations'];
const perTicketCalls = (x: Harness) =>
  PER_TICKET.reduce((n, r) => n + (x.emulator.stats.byRoute[r] ?? 0), 0) +
  (x.emulator.stats.byRoute['/tickets/archived/:id/conversations'] ?? 0);

/** Reads tickets as the plan does, then the comments of those whose comments did not come along. */
async function readLikeARun(x: Harness) {
  const pages: Page<Ticket>[] = [];
  for await (const p of x.connector.streams.tickets!.read()) pages.push(p);
  const came = new Set(pages.flatMap((p) => p.comments ?? []).map((c) => c.ticketId));
  const rest = pages.flatMap((p) => p.records.map((t) => t.id)).filter((id) => !came.has(id));
  // A later job builds its own connector (stages.ts: connectorFor per stage): nothing is remembered.
  const later = createFreshdeskConnector(
    { baseUrl: x.emulator.url, apiKey: API_KEY },
    { logger: silent, allowCustomBaseUrl: true, allowPrivateAddresses: true },
    { retry: FAST_RETRY },
  );
  const read = new Map<string, number>();
  for await (const c of later.readComments(rest)) read.set(c.ticketId, c.comments.length);
  for (const p of pages) for (const c of p.comments ?? []) read.set(c.ticketId, c.comments.length);
  return { pages, read };
}

describe('Freshdesk calls per ticket', () => {
  it('when a full read passes the page cap, then it spends at most 1.05 calls a ticket plus one list call per page', async () => {
    // 200 tickets, 20 a page, a cap of 3 pages: the live list splits into several updated_since windows.
    h = await startHarness({ tickets: 200, emulator: { maxPage: 3 }, tuning: { perPage: 20, maxPage: 3 } });
    const { pages, read } = await readLikeARun(h);
    const tickets = pages.flatMap((p) => p.records);
    const listCalls = h.emulator.stats.byRoute['/tickets'] ?? 0;
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    expect(read.size).toBe(tickets.length);
    for (const t of tickets) expect(read.get(t.id)).toBe(h.account.comments(Number(t.id) - 1).length);
    expect(perTicketCalls(h) / tickets.length).toBeLessThanOrEqual(1.05);
    // The live and deleted lists: one call a page, plus one restart page per window split.
    const live = h.account.size.tickets - h.account.archivedTicketIndexes().length;
    expect(listCalls).toBeLessThanOrEqual(Math.ceil(live / 20) + Math.ceil(live / 60) + 2);
    // Nothing else per ticket: every call the emulator counted is a list, a ticket, or the account's few.
    expect(h.emulator.stats.calls).toBeLessThanOrEqual(perTicketCalls(h) + listCalls + 10);
  }, 90_000);

  it('when archived tickets are migrated, then each is read once (with its conversations) and never again', async () => {
    h = await startHarness({ tickets: 100 });
    const archived = h.account.archivedTicketIndexes().map((i) => String(i + 1));
    const { pages, read } = await readLikeARun(h);
    expect(h.emulator.stats.byRoute['/tickets/archived/:id']).toBe(archived.length);
    // No live view answered 404 for an archived ticket first.
    const liveViews = h.emulator.stats.byRoute['/tickets/:id'] ?? 0;
    expect(liveViews).toBe(pages.flatMap((p) => p.records).filter((t) => !t.archived).length);
    for (const id of archived) expect(read.get(id)).toBe(h.account.comments(Number(id) - 1).length);
  }, 60_000);

  it("when a ticket is viewed with include=conversations, then Freshdesk charges two credits (X-RateLimit-Used-CurrentRequest) and a list's include two more", async () => {
    h = await startHarness({ tickets: 20 });
    const auth = { username: API_KEY, password: 'X' };
    const view = await axios.get(`${h.emulator.url}/api/v2/tickets/1`, {
      auth,
      params: { include: 'conversations' },
    });
    const list = await axios.get(`${h.emulator.url}/api/v2/tickets`, {
      auth,
      params: { include: 'description' },
    });
    const plain = await axios.get(`${h.emulator.url}/api/v2/tickets/1`, { auth });
    expect(view.headers['x-ratelimit-used-currentrequest']).toBe('2');
    expect(list.headers['x-ratelimit-used-currentrequest']).toBe('3');
    expect(plain.headers['x-ratelimit-used-currentrequest']).toBe('1');
    expect(h.emulator.stats.credits).toBe(6);
  });
});

describe('Freshdesk filter API', () => {
  it('when the filter API is asked, then it answers 30 results a page with the total of all matches, and refuses page 11 and an unquoted query', async () => {
    h = await startHarness({ tickets: 100 });
    const auth = { username: API_KEY, password: 'X' };
    const get = (params: Record<string, string | number>) =>
      axios.get(`${h!.emulator.url}/api/v2/search/tickets`, { auth, params, validateStatus: () => true });
    const live = h.account.size.tickets - h.account.archivedTicketIndexes().length;
    const first = await get({ query: `"created_at:>'2000-01-01'"` });
    expect(first.status).toBe(200);
    expect(first.data.total).toBe(live - h.account.deletedTicketIndexes().length);
    expect(first.data.results).toHaveLength(30);
    expect((await get({ query: `"created_at:>'2000-01-01'"`, page: 11 })).status).toBe(400);
    expect((await get({ query: `created_at:>'2000-01-01'` })).status).toBe(400);
  });
});
