// Named tests for each Zendesk quirk the connector must survive (src/sandbox/zendesk/QUIRKS.md).
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, InputError, SkipError } from '../../../src/errors.js';
import {
  customStatusOf,
  HARD_CASES,
  HUGE_ATTACHMENT_BYTES,
  isAiAgentTicket,
} from '../../../src/sandbox/sample-account/index.js';
import type { Comment, Ticket } from '../../../src/model/canonical.js';
import type { Page } from '../../../src/sources/connector.js';
import { createZendeskConnector } from '../../../src/sources/zendesk/index.js';
import { exportStartTime } from '../../../src/sources/zendesk/pages.js';
import { UnsafeUrlError } from '../../../src/sources/shared/fetch-guard.js';
import { ADMIN, logger, readAll, startHarness, type Harness } from './harness.js';
import { createSampleAccount } from '../../../src/sandbox/sample-account/index.js';
import { changingAccount } from '../../engine/changing-account.js';

const createSampleAccountFor = (tickets: number) => createSampleAccount({ seed: 'contract', tickets });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const authHeader = `Basic ${Buffer.from(`${ADMIN.email}/token:${ADMIN.token}`).toString('base64')}`;
const get = (path: string) => fetch(`${h!.emulator.url}${path}`, { headers: { authorization: authHeader } });

describe('Zendesk quirks', () => {
  it('when offset pagination goes past its record limit, then Zendesk answers 400 and the connector, paging by cursor, still reads everything', async () => {
    h = await startHarness({ emulator: { offsetLimit: 4 } });
    expect((await get('/api/v2/organizations.json?page=2&per_page=4')).status).toBe(400);
    const pages = await readAll(h.connector.streams.companies!.read());
    expect(pages.flatMap((p) => p.records)).toHaveLength(h.account.size.companies);
    const tags = await readAll(h.connector.streams.tags!.read());
    expect(tags.flatMap((p) => p.records).length).toBeGreaterThan(4);
  });

  it('when tickets were deleted, then the export (support_type_scope=all) reports them as deleted and getTicket gives null', async () => {
    h = await startHarness();
    const deleted = h.account.deletedTicketIndexes().map((i) => String(i + 1));
    expect(deleted.length).toBeGreaterThan(0);
    const pages = await readAll(h.connector.streams.tickets!.read());
    expect(pages.flatMap((p) => p.deletedIds)).toEqual(deleted);
    expect(pages.flatMap((p) => p.records).map((t) => t.id)).not.toContain(deleted[0]);
    expect(await h.connector.getTicket(deleted[0]!)).toBeNull();
    expect((await h.connector.getTicket('1'))?.id).toBe('1');
  });

  it('when an attachment URL points at a private address, then it is refused (emulators not allowed)', async () => {
    h = await startHarness({ allowPrivateAddresses: false });
    const [first] = await readAll(h.connector.readComments([String(HARD_CASES.oneAttachment + 1)]));
    const attachment = first!.comments[0]!.attachments[0]!;
    await expect(h.connector.openAttachment(attachment, { maxBytes: 1e6 })).rejects.toBeInstanceOf(
      UnsafeUrlError,
    );
    const metadata = { ...attachment, url: 'http://169.254.169.254/latest/meta-data/' };
    await expect(h.connector.openAttachment(metadata, { maxBytes: 1e6 })).rejects.toBeInstanceOf(SkipError);
  });

  it('when an attachment is fetched from the emulator, then its bytes stream, and a huge one stops at the cap', async () => {
    h = await startHarness();
    const [one] = await readAll(h.connector.readComments([String(HARD_CASES.oneAttachment + 1)]));
    const a = one!.comments[0]!.attachments[0]!;
    const d = await h.connector.openAttachment(a, { maxBytes: 1e6 });
    const chunks: Buffer[] = [];
    for await (const c of d.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(h.account.attachmentBytes(a.id)!.bytes);
    const [huge] = await readAll(h.connector.readComments([String(HARD_CASES.hugeAttachment + 1)]));
    const big = huge!.comments[0]!.attachments[0]!;
    expect(big.size).toBe(HUGE_ATTACHMENT_BYTES);
    await expect(h.connector.openAttachment(big, { maxBytes: 10 * 1024 * 1024 })).rejects.toThrow(/cap/);
  });

  it('when Zendesk answers 429 with Retry-After, then the connector waits that long and carries on', async () => {
    h = await startHarness({
      emulator: {
        faults: {
          script: [{ match: '/api/v2/groups', status: 429, headers: { 'Retry-After': '1' }, times: 1 }],
        },
      },
    });
    const started = Date.now();
    const pages = await readAll(h.connector.streams.groups!.read());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(pages.flatMap((p) => p.records)).toHaveLength(h.account.groups().length);
    expect(h.emulator.stats.byPath['/api/v2/groups']).toBe(2);
  });

  it('when calls use up the account window, then each answer reports the limit, what remains and the seconds to the reset (both header forms), and the refused call Retry-After', async () => {
    h = await startHarness({ emulator: { rateLimitPerMinute: 2, rateWindowMs: 60_000 } });
    const answers = [await get('/api/v2/groups.json'), await get('/api/v2/groups.json')];
    const refused = await get('/api/v2/groups.json');
    expect([...answers.map((a) => a.status), refused.status]).toEqual([200, 200, 429]);
    for (const [i, a] of [...answers, refused].entries()) {
      const remaining = String(Math.max(0, 1 - i));
      expect(a.headers.get('x-rate-limit')).toBe('2');
      expect(a.headers.get('ratelimit-limit')).toBe('2');
      expect(a.headers.get('x-rate-limit-remaining')).toBe(remaining);
      expect(a.headers.get('ratelimit-remaining')).toBe(remaining);
      const reset = Number(a.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThan(55);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expect(refused.headers.get('retry-after')).toBe(refused.headers.get('ratelimit-reset'));
    expect(h.emulator.stats.rateLimited).toBe(1);
  });

  it('when the export limit is exceeded, then the 429s from the real limiter are waited out', async () => {
    // 3 export calls per 1-second window; the connector's own pacing is off so it runs into the limit.
    h = await startHarness({
      emulator: { exportLimitPerMinute: 3, rateWindowMs: 1000, eventsPageSize: 100 },
    });
    const pages = await readAll(h.connector.commentEvents!.read());
    expect(pages.length).toBeGreaterThan(3);
    const expected = Array.from({ length: h.account.size.tickets }, (_, i) =>
      h!.account.commentCount(i),
    ).reduce((a, b) => a + b);
    expect(pages.flatMap((p) => p.records)).toHaveLength(expected);
  });

  it('when Zendesk answers 503 twice, then the request is retried and succeeds', async () => {
    h = await startHarness({
      emulator: { faults: { script: [{ match: '/api/v2/organizations', status: 503, times: 2 }] } },
    });
    const pages = await readAll(h.connector.streams.companies!.read());
    expect(pages.flatMap((p) => p.records)).toHaveLength(h.account.size.companies);
    expect(h.emulator.stats.byPath['/api/v2/organizations']).toBe(3);
  });

  it('when the email or API token is wrong, then one clear message says so', async () => {
    h = await startHarness({ auth: { kind: 'token', email: ADMIN.email, token: 'wrong' } });
    await expect(h.connector.checkCredentials()).rejects.toBeInstanceOf(ConfigurationError);
    await expect(h.connector.checkCredentials()).rejects.toThrow('Zendesk rejected the email or API token');
    await expect(readAll(h.connector.streams.groups!.read())).rejects.toThrow(
      'Zendesk rejected the email or API token',
    );
  });

  it('when the token belongs to an agent, then it is refused up front', async () => {
    h = await startHarness();
    const agent = h.account.agents()[2]!;
    await h.close();
    h = await startHarness({
      emulator: { credentials: { email: agent.email!, token: 't' } },
      auth: { kind: 'token', email: agent.email!, token: 't' },
    });
    await expect(h.connector.checkCredentials()).rejects.toThrow(/not an admin/);
  });

  it('when the credentials are an admin OAuth token, then the check passes and names the user', async () => {
    h = await startHarness({
      emulator: { credentials: { ...ADMIN, accessToken: 'oauth-1' } },
      auth: { kind: 'oauth', accessToken: 'oauth-1' },
    });
    const check = await h.connector.checkCredentials();
    expect(check.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
  });

  it('when the subdomain has no account, then its own message names the host', async () => {
    h = await startHarness({ emulator: { accountMissing: true } });
    await expect(h.connector.checkCredentials()).rejects.toThrow(
      /There is no Zendesk account at 127\.0\.0\.1:\d+: check the subdomain/,
    );
  });

  it('when the subdomain does not resolve, then the same message names it', async () => {
    const c = createZendeskConnector({ subdomain: 'x', auth: { kind: 'token', ...ADMIN } }, { logger });
    // Swap in a host that cannot resolve (reserved TLD) through a custom base URL the test allows.
    const unresolvable = createZendeskConnector(
      { baseUrl: 'http://no-such-account.invalid', auth: { kind: 'token', ...ADMIN } },
      { logger, allowCustomBaseUrl: true },
    );
    expect(c.platform).toBe('zendesk');
    await expect(unresolvable.checkCredentials()).rejects.toThrow(
      /There is no Zendesk account at no-such-account\.invalid/,
    );
  });

  it('when the subdomain holds anything but letters, digits and hyphens, or a base URL is not allowed, then it is refused', () => {
    for (const subdomain of ['acme.evil.com', 'acme/..', '', 'a b', '169.254.169.254'])
      expect(() =>
        createZendeskConnector({ subdomain, auth: { kind: 'token', ...ADMIN } }, { logger }),
      ).toThrow(InputError);
    expect(() =>
      createZendeskConnector(
        { baseUrl: 'http://127.0.0.1:1', auth: { kind: 'token', ...ADMIN } },
        { logger },
      ),
    ).toThrow(ConfigurationError);
  });

  it('when the time-based export repeats the boundary second, then the connector passes each event on once', async () => {
    h = await startHarness({ emulator: { eventsPageSize: 30 } });
    const raw: string[] = [];
    let url: string | null = `/api/v2/incremental/ticket_events.json?start_time=0`;
    while (url) {
      const body = (await (await get(url.replace(h.emulator.url, ''))).json()) as {
        ticket_events: Array<{ id: number }>;
        next_page: string | null;
      };
      raw.push(...body.ticket_events.map((e) => String(e.id)));
      url = body.next_page;
    }
    expect(new Set(raw).size).toBeLessThan(raw.length);
    const events = (await readAll(h.connector.streams.ticket_events!.read())).flatMap((p) => p.records);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('when counts are asked for, then they come from count endpoints and match the account', async () => {
    h = await startHarness();
    const counts = await h.connector.countAvailable();
    expect(counts).toMatchObject({
      tickets: h.account.size.tickets - h.account.deletedTicketIndexes().length,
      contacts: h.account.size.contacts,
      companies: h.account.size.companies,
      agents: h.account.size.agents,
      articles: h.account.size.articles,
    });
    expect(h.emulator.stats.calls).toBeLessThanOrEqual(10);
  });

  it('when a demo sample is drawn twice with one seed, then the same live tickets come back', async () => {
    h = await startHarness();
    const a = await h.connector.sampleTickets(5, 'demo');
    const b = await h.connector.sampleTickets(5, 'demo');
    expect(a.map((t) => t.id)).toEqual(b.map((t) => t.id));
    expect(a.every((t) => t.status !== 'deleted')).toBe(true);
    expect(new Set(a.map((t) => t.id)).size).toBe(5);
  });

  it('when a demo is drawn from a large account, then it samples the whole id range in a few calls', async () => {
    h = await startHarness({ tickets: 5_000 });
    const before = h.emulator.stats.calls;
    const sample = await h.connector.sampleTickets(20, 'demo');
    // newest id + count, then show_many of 60 candidates: 3 calls (one more if too many were gone).
    expect(h.emulator.stats.calls - before).toBeLessThanOrEqual(4);
    expect(sample).toHaveLength(20);
    expect(new Set(sample.map((t) => t.id)).size).toBe(20);
    expect(sample.every((t) => t.status !== 'deleted')).toBe(true);
    // Not the first pages only: drawn uniformly from 1..5000, nearly all land beyond ticket 1,000.
    expect(sample.filter((t) => Number(t.id) > 1_000).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...sample.map((t) => Number(t.id)))).toBeGreaterThan(2_500);
  });

  it('when Zendesk sends a record that does not parse, then it becomes a record error and the rest is read', async () => {
    h = await startHarness({ emulator: { faults: { corruptTicketIds: ['3'] } } });
    const pages = await readAll(h.connector.streams.tickets!.read());
    const errors = pages.flatMap((p) => p.errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ entity: 'tickets', sourceId: '3' });
    expect(errors[0]!.reason).toMatch(/status|created_at/);
    const live = h.account.size.tickets - h.account.deletedTicketIndexes().length;
    expect(pages.flatMap((p) => p.records)).toHaveLength(live - 1);
  });

  it('when a ticket’s audits are read, then its field changes come back as events', async () => {
    h = await startHarness();
    const events = await h.connector.readTicketEvents!('4');
    expect(events.map((e) => e.id)).toEqual(h.account.ticketEvents(3).map((e) => e.id));
    expect(events[0]!.changes[0]).toMatchObject({ field: 'status' });
  });
  it('when an export is asked from less than a minute ago (a delta right after a run), then Zendesk answers 400 and the connector asks from 61 s back and ends', async () => {
    h = await startHarness();
    const now = Math.floor(Date.now() / 1000);
    const refused = await get(`/api/v2/incremental/tickets/cursor.json?start_time=${now - 10}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: 'InvalidValue',
      description: /Too recent start_time/,
    });
    expect((await get(`/api/v2/incremental/ticket_events.json?start_time=${now - 5}`)).status).toBe(400);
    expect((await get(`/api/v2/incremental/users/cursor.json?start_time=${now - 61}`)).status).toBe(200);
    // The clamp: never less than 61 s back, an older since kept as it is.
    expect(exportStartTime(new Date(now * 1000), now * 1000)).toBe(now - 61);
    expect(exportStartTime(new Date((now - 3600) * 1000), now * 1000)).toBe(now - 3600);
    const since = new Date(Date.now() - 5_000);
    const calls = h.emulator.stats.calls;
    const tickets = await readAll(h.connector.streams.tickets!.read({ since }));
    const users = await readAll(h.connector.streams.contacts!.read({ since }));
    const comments = await readAll(h.connector.commentEvents!.read({ since }));
    for (const pages of [tickets, users, comments]) expect(pages.at(-1)?.cursor ?? null).toBeNull();
    // One call per stream (users and agents share one export, read twice) and the custom statuses the
    // tickets are labelled with: none refused, none retried.
    expect(h.emulator.stats.calls - calls, JSON.stringify(h.emulator.stats.byPath)).toBeLessThanOrEqual(5);
  });

  it('when an older ticket changes after newer ones, then the incremental export (updated_at order) still lists it from a later start_time', async () => {
    const account = changingAccount(createSampleAccountFor(40));
    h = await startHarness({ emulator: { account } });
    account.changeTicket(0, { subject: 'changed after the others' });
    const since = new Date(Date.now() - 120_000);
    const pages = await readAll(h.connector.streams.tickets!.read({ since }));
    const records = pages.flatMap((p) => p.records);
    expect(records.map((t) => t.id)).toEqual(['1']);
    expect(records[0]!.subject).toBe('changed after the others');
  });

  describe('nothing dropped from the bulk comment stream (issue 11 §2)', () => {
    const bulk = async (): Promise<Page<Comment>[]> => readAll(h!.connector.commentEvents!.read());
    const idOf = (i: number) => String(i + 1);

    it('when tickets were handled by an AI agent, then the events export leaves them out by default, and the connector (support_type_scope=all) reads their comments', async () => {
      h = await startHarness({ tickets: 30 });
      const ai = Array.from({ length: 30 }, (_, i) => i).filter(isAiAgentTicket);
      expect(ai.length).toBeGreaterThan(0);
      const byDefault = (await (
        await get('/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events')
      ).json()) as {
        ticket_events: { ticket_id: number }[];
      };
      const defaultTickets = new Set(byDefault.ticket_events.map((e) => String(e.ticket_id)));
      for (const i of ai) expect(defaultTickets.has(idOf(i))).toBe(false);
      const comments = (await bulk()).flatMap((p) => p.records);
      for (const i of ai) {
        const got = comments.filter((c) => c.ticketId === idOf(i)).map((c) => c.id);
        expect(got).toEqual(h.account.comments(i).map((c) => c.id));
      }
    });

    it('when a ticket event does not parse, then it is reported with its ticket, not skipped silently', async () => {
      h = await startHarness({ tickets: 20, emulator: { faults: { unreadableEventTicketIds: ['3'] } } });
      const pages = await bulk();
      const errors = pages.flatMap((p) => p.errors);
      expect(errors.length).toBe(h.account.comments(2).length + h.account.ticketEvents(2).length);
      for (const e of errors) {
        expect(e).toMatchObject({ entity: 'comments', parentSourceId: '3' });
        expect(e.sourceId).toMatch(/^ticket-event:\d+$/);
        expect(e.reason).toMatch(
          /ticket event \d+ of ticket 3 could not be read .*comments it holds are missing/,
        );
      }
      expect(pages.flatMap((p) => p.records).some((c) => c.ticketId === '3')).toBe(false);
    });

    it('when an attachment comes without file_name, then its comment is kept, the file named from its type and the loss noted', async () => {
      const probe = createSampleAccountFor(20);
      const file = probe.comments(HARD_CASES.oneAttachment)[0]!.attachments[0]!;
      h = await startHarness({ tickets: 20, emulator: { faults: { namelessAttachmentIds: [file.id] } } });
      for (const comments of [
        (await bulk()).flatMap((p) => p.records),
        (await readAll(h.connector.readComments([idOf(HARD_CASES.oneAttachment)])))[0]!.comments,
      ]) {
        const c = comments.find((x) => x.id === probe.comments(HARD_CASES.oneAttachment)[0]!.id)!;
        expect(c).toBeDefined();
        expect(c.attachments[0]!.fileName).toMatch(new RegExp(`^attachment-${file.id}(\\.[a-z0-9]+)?$`));
        expect(c.notes?.[0]).toMatch(/listed attachment \d+ without a file name: it is named attachment-/);
      }
    });

    it('when html_body and plain_body come empty, then the comment text falls back to body', async () => {
      h = await startHarness({ tickets: 20, emulator: { faults: { bodyOnlyTicketIds: ['11'] } } });
      const expected = h.account.comments(10);
      const got = (await bulk()).flatMap((p) => p.records).filter((c) => c.ticketId === '11');
      expect(got.map((c) => c.plain)).toEqual(expected.map((c) => c.plain));
      expect(got.every((c) => c.plain.trim() !== '' && c.html === '')).toBe(true);
    });

    it('when tickets have custom statuses, then each keeps its label (custom_statuses endpoint)', async () => {
      h = await startHarness({ tickets: 30 });
      const tickets: Ticket[] = (await readAll(h.connector.streams.tickets!.read())).flatMap(
        (p) => p.records,
      );
      let custom = 0;
      for (const t of tickets) {
        const i = Number(t.id) - 1;
        const expected = customStatusOf(h.account.ticket(i), i);
        expect(t.statusLabel ?? null).toBe(expected?.agentLabel ?? null);
        if (expected && !expected.isDefault) custom++;
      }
      expect(custom).toBeGreaterThan(0);
      expect(tickets.some((t) => t.statusLabel === 'On-hold')).toBe(true);
      expect((await h.connector.getTicket(tickets[0]!.id))?.statusLabel).toBe(tickets[0]!.statusLabel);
    });
  });
});
