// Named tests for the Freshdesk quirks the connector must get right (src/sandbox/freshdesk/QUIRKS.md).
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, InputError, SkipError } from '../../../src/errors.js';
import type { Ticket } from '../../../src/model/canonical.js';
import { createFreshdeskConnector } from '../../../src/sources/freshdesk/connector.js';
import { AGENT_KEY, readAll, recordsOf, silent, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const archivedIds = (x: Harness) => x.account.archivedTicketIndexes().map((i) => String(i + 1));
const archivedOf = (tickets: Ticket[]) =>
  tickets
    .filter((t) => t.archived)
    .map((t) => t.id)
    .sort();

describe('Freshdesk quirks', () => {
  it('when the live list passes the 300-page cap, then new updated_since windows read past it without duplicates', async () => {
    // A cap of 3 pages of 5 is Freshdesk's 300 of 100 in miniature: 50 live tickets need four windows.
    h = await startHarness({
      emulator: { maxPage: 3 },
      tuning: { perPage: 5, maxPage: 3, useAccountExport: false },
    });
    const pages = await readAll(h.connector.streams.tickets!);
    const live = recordsOf(pages).filter((t) => !t.archived);
    expect(new Set(live.map((t) => t.id)).size).toBe(live.length);
    expect(live.length).toBe(
      h.account.size.tickets - archivedIds(h).length - h.account.deletedTicketIndexes().length,
    );
    // Asking for page 4 directly gets the vendor's error: the connector never did.
    const res = await h.connector.client.get('/api/v2/tickets', {
      params: { updated_since: '1970-01-01T00:00:00Z', per_page: 5, page: 4 },
      allow: [400],
    });
    expect(JSON.stringify(res.data)).toContain('You cannot access tickets beyond the 3th page');
    const windows = new Set(
      pages
        .map((p) => (p.cursor ? (JSON.parse(p.cursor) as { since?: string }).since : undefined))
        .filter(Boolean),
    );
    expect(windows.size).toBeGreaterThan(2);
  });

  it('when Freshdesk answers 400 "beyond the Nth page" before the connector’s own cap, then the window splits there and every ticket is read once', async () => {
    // The emulator's cap (3 pages of 5) is lower than the one the stream knows (300): only the vendor's
    // refusal tells the stream to start a new updated_since window.
    h = await startHarness({ emulator: { maxPage: 3 }, tuning: { perPage: 5, useAccountExport: false } });
    const pages = await readAll(h.connector.streams.tickets!);
    const live = recordsOf(pages).filter((t) => !t.archived);
    expect(new Set(live.map((t) => t.id)).size).toBe(live.length);
    expect(live.length).toBe(
      h.account.size.tickets - archivedIds(h).length - h.account.deletedTicketIndexes().length,
    );
    expect(live.length).toBeGreaterThan(15);
    // Before this, the refusal paused the read: here it split the window, more than once.
    const windows = new Set(
      pages
        .map((p) => (p.cursor ? (JSON.parse(p.cursor) as { since?: string }).since : undefined))
        .filter(Boolean),
    );
    expect(windows.size).toBeGreaterThan(2);
  });

  it('when archived tickets exist, then they are found through the account export and read from /tickets/archived', async () => {
    h = await startHarness();
    const tickets = recordsOf(await readAll(h.connector.streams.tickets!));
    expect(archivedOf(tickets)).toEqual(archivedIds(h).sort());
    expect(h.emulator.stats.byRoute['/account/export']).toBe(1);
    // The export named them: no id was probed in vain.
    expect(h.emulator.stats.byRoute['/tickets/archived/:id']).toBe(archivedIds(h).length);
    // GET /tickets does not list them, exactly as Freshdesk.
    const listed = await h.connector.client.get('/api/v2/tickets', {
      params: { updated_since: '1970-01-01T00:00:00Z', per_page: 100 },
    });
    const listedIds = (listed.data as Array<{ id: number }>).map((t) => String(t.id));
    for (const id of archivedIds(h)) expect(listedIds).not.toContain(id);
  });

  it('when the account export is unavailable, then archived tickets are found by probing the id gaps', async () => {
    h = await startHarness({ emulator: { accountExport: false } });
    const tickets = recordsOf(await readAll(h.connector.streams.tickets!));
    expect(archivedOf(tickets)).toEqual(archivedIds(h).sort());
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
  });

  it('when the plan has no archive feature, then the probing stops at the first 403 and the read completes', async () => {
    h = await startHarness({ emulator: { accountExport: false, archiveFeature: false } });
    const tickets = recordsOf(await readAll(h.connector.streams.tickets!));
    expect(tickets.some((t) => t.archived)).toBe(false);
    expect(h.emulator.stats.byRoute['/tickets/archived/:id']).toBe(1);
  });

  it('when a ticket has more than ten conversations, then include=conversations is not trusted and all are paged', async () => {
    h = await startHarness();
    const long = '8'; // 600 comments
    const [read] = await collect(h.connector.readComments([long]));
    expect(read!.comments.length).toBe(h.account.comments(7).length);
  });

  it('when an attachment URL points at a private address, then it is refused unless the caller allows it', async () => {
    h = await startHarness({ allowPrivateAddresses: false });
    const [read] = await collect(h.connector.readComments(['2']));
    const attachment = read!.comments.flatMap((c) => c.attachments)[0]!;
    expect(attachment.url).toContain('127.0.0.1');
    await expect(h.connector.openAttachment(attachment, { maxBytes: 1e6 })).rejects.toBeInstanceOf(SkipError);
    const allowed = await startHarness({ allowPrivateAddresses: true });
    try {
      const [r2] = await collect(allowed.connector.readComments(['2']));
      const a2 = r2!.comments.flatMap((c) => c.attachments)[0]!;
      const download = await allowed.connector.openAttachment(a2, { maxBytes: 1e7 });
      let bytes = 0;
      for await (const chunk of download.stream) bytes += (chunk as Buffer).length;
      expect(bytes).toBe(a2.size);
    } finally {
      await allowed.close();
    }
  });

  it('when Freshdesk answers 429 with Retry-After, then the connector waits that long and goes on', async () => {
    h = await startHarness({
      emulator: { rateLimitPerMinute: 3, rateLimitWindowMs: 400 },
      tuning: { perPage: 2 },
    });
    const started = Date.now();
    const agents = recordsOf(await readAll(h.connector.streams.agents!));
    const groups = recordsOf(await readAll(h.connector.streams.groups!));
    expect(agents.length).toBe(h.account.agents().length);
    expect(groups.length).toBe(h.account.groups().length);
    expect(h.emulator.stats.rateLimited).toBeGreaterThan(0);
    // Retry-After is whole seconds: at least one second was waited.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('when Freshdesk answers 503, then the request is retried and the read is complete', async () => {
    h = await startHarness({ emulator: { faults: { first503: 2, share503: 0.1 } } });
    const tickets = recordsOf(await readAll(h.connector.streams.tickets!));
    expect(h.emulator.stats.faults).toBeGreaterThan(0);
    expect(tickets.length).toBe(h.account.size.tickets - h.account.deletedTicketIndexes().length);
  });

  it('when the API key is wrong, then the check says Freshdesk rejected it', async () => {
    h = await startHarness({ apiKey: 'not-the-key' });
    const check = h.connector.checkCredentials();
    await expect(check).rejects.toBeInstanceOf(ConfigurationError);
    await expect(check).rejects.toThrow(/^Freshdesk rejected the API key$/);
  });

  it('when the key belongs to an agent who is not an administrator, then it is refused up front', async () => {
    h = await startHarness({ apiKey: AGENT_KEY });
    await expect(h.connector.checkCredentials()).rejects.toThrow(/not an administrator/);
  });

  it("when the key is an administrator's, then the check names the account and the user", async () => {
    h = await startHarness();
    const check = await h.connector.checkCredentials();
    expect(check.user).toMatchObject({ name: 'Ada Admin', role: 'Account Administrator' });
  });

  it('when no help desk answers at that address, then the check says the subdomain is unknown', async () => {
    h = await startHarness();
    const lost = createFreshdeskConnector(
      { baseUrl: `${h.emulator.url}/no-such-account`, apiKey: 'x' },
      { logger: silent, allowCustomBaseUrl: true },
    );
    await expect(lost.checkCredentials()).rejects.toThrow(
      /There is no Freshdesk help desk at .*: check the subdomain/,
    );
  });

  it('when the subdomain has other characters than letters, digits and hyphens, then it is refused', () => {
    const make = (domain: string) => () =>
      createFreshdeskConnector({ domain, apiKey: 'k' }, { logger: silent });
    expect(make('evil.example.com/x')).toThrow(InputError);
    expect(make('a_b')).toThrow(InputError);
    expect(make('acme-support')).not.toThrow();
    expect(() =>
      createFreshdeskConnector({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' }, { logger: silent }),
    ).toThrow(InputError);
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
