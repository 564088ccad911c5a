// The client against the emulator: every call Ferry makes, held to the 2.16 description both ways.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, RecordError } from '../../src/errors.js';
import { IntercomUnauthorizedError, OutcomeUnknownError } from '../../src/intercom/index.js';
import {
  conversationWithParts,
  expectNoViolations,
  startIntercomEmulator,
  ticketWithParts,
  type RunningIntercomEmulator,
} from '../../src/sandbox/intercom/index.js';
import { clientFor } from './helpers.js';

let emu: RunningIntercomEmulator;
let files: Server;
let filesUrl: string;

beforeAll(async () => {
  emu = await startIntercomEmulator();
  files = createServer((req, res) => {
    if (req.url === '/ok.png')
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu.close();
  await new Promise((r) => files.close(r));
});

describe('Intercom client against the emulator', () => {
  it('when Ferry writes a ticket with its history, then every call passes the description and the history is kept', async () => {
    const c = clientFor(emu);
    const me = await c.getMe();
    expect(me.app?.id_code).toBe('emu12345');
    const [admin] = await c.listAdmins();
    expect((await c.listTeams()).length).toBe(1);
    const contact = await c.createContact({
      role: 'user',
      email: 'a@example.test',
      name: 'A',
      signed_up_at: 1_500_000_000,
    });
    expect(contact.created).toBe(true);
    const company = await c.upsertCompany({
      company_id: 'zendesk:1',
      name: 'Acme',
      remote_created_at: 1_400_000_000,
    });
    await c.attachContactToCompany(contact.id, company.id);
    await c.createDataAttribute({ name: 'plan_tier', model: 'contact', data_type: 'string' });
    expect((await c.listDataAttributes('contact')).map((a) => a.name)).toContain('plan_tier');
    const type = await c.createTicketType({ name: 'Migrated', category: 'Customer' });
    await c.createTicketTypeAttribute(type.id, {
      name: 'priority',
      description: 'Priority',
      data_type: 'string',
    });
    expect((await c.listTicketTypes())[0]?.ticket_type_attributes?.ticket_type_attributes).toHaveLength(1);
    const states = await c.listTicketStates();
    const ticket = await c.createTicket({
      ticket_type_id: type.id,
      contacts: [{ id: contact.id }],
      created_at: 1_520_000_000,
      ticket_attributes: { _default_title_: 'Printer on fire' },
      skip_notifications: true,
    });
    await c.replyToTicket(ticket.id, {
      message_type: 'comment',
      type: 'admin',
      admin_id: admin!.id,
      body: '<p>Hello</p>',
      created_at: 1_520_000_100,
      attachment_urls: [`${filesUrl}/ok.png`, `${filesUrl}/missing.png`],
      skip_notifications: true,
    });
    await c.updateTicket(ticket.id, { ticket_state_id: states.at(-1)!.id, skip_notifications: true });
    const tag = await c.createTag('migrated');
    await c.tagTicket(ticket.id, tag.id, admin!.id);
    const found = await c.searchTickets({
      query: { field: 'created_at', operator: '=', value: 1_520_000_000 },
    });
    expect(found.tickets.map((t) => t.id)).toEqual([ticket.id]);
    const back = await c.getTicket(ticket.id);
    expect(back.created_at).toBe(1_520_000_000);
    expect(ticketWithParts(emu, ticket.id).parts[0]?.created_at).toBe(1_520_000_100);
    expect(emu.state.attachmentFetches.filter((f) => !f.ok).map((f) => f.url)).toEqual([
      `${filesUrl}/missing.png`,
    ]);
    expect(emu.state.unsilencedWrites).toEqual([]);

    const hc = (await c.listHelpCenters())[0]!;
    const col = await c.createCollection({ name: 'FAQ', help_center_id: Number(hc.id) });
    const art = await c.createArticle({
      title: 'How to',
      author_id: Number(admin!.id),
      parent_id: Number(col.id),
      parent_type: 'collection',
      state: 'published',
    });
    await c.updateArticle(art.id, { title: 'How to, again' });
    expectNoViolations(emu);
  });

  it('when a conversation has 520 parts, then a GET shows the latest 500 and counts all', async () => {
    const c = clientFor(emu);
    const contact = await c.createContact({ role: 'user', external_id: 'zendesk:520' });
    const [admin] = await c.listAdmins();
    const id = await c.createConversation({
      from: { type: 'user', id: contact.id },
      body: 'start',
      created_at: 1_500_000_000,
    });
    // 519 parts written straight into the state (fast), the 520th through the API.
    const conv = conversationWithParts(emu, id);
    for (let i = 0; i < 519; i++)
      conv.parts.push({
        id: `p${i}`,
        part_type: 'note',
        body: `n${i}`,
        created_at: 1_500_000_001 + i,
        author: { type: 'admin', id: admin!.id },
        attachments: [],
      });
    await c.replyToConversation(id, {
      message_type: 'note',
      type: 'admin',
      admin_id: admin!.id,
      body: 'last',
      created_at: 1_600_000_000,
      skip_notifications: true,
    });
    const back = await c.getConversation(id);
    expect(back.conversation_parts?.total_count).toBe(520);
    expect(back.conversation_parts?.conversation_parts).toHaveLength(500);
    expect(back.conversation_parts?.conversation_parts[0]?.body).toBe('n20');
    expect(back.conversation_parts?.conversation_parts.at(-1)?.created_at).toBe(1_600_000_000);
    expectNoViolations(emu);
  });

  it("when a contact already exists, then Intercom's 409 resolves to its id", async () => {
    const c = clientFor(emu);
    const first = await c.createContact({ role: 'user', email: 'dup@example.test' });
    const second = await c.createContact({ role: 'user', email: 'dup@example.test' });
    expect(second).toEqual({ id: first.id, created: false });
    expectNoViolations(emu);
  });

  it('when the token is revoked, then the call fails with a ConfigurationError for Intercom', async () => {
    const c = clientFor(emu, { token: 'not-a-token' });
    const err = await c.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).side).toBe('intercom');
    expect((err as Error).message).toMatch(/Reinstall Ferry/);
  });

  it('when Intercom answers 401 (revoked token or any call), then the client raises IntercomUnauthorizedError', async () => {
    const revoked = await clientFor(emu, { token: 'not-a-token' })
      .getMe()
      .catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(IntercomUnauthorizedError);
    emu.failNext({ kind: { status: 401 }, path: '/teams' });
    const injected = await clientFor(emu)
      .listTeams()
      .catch((e: unknown) => e);
    expect(injected).toBeInstanceOf(IntercomUnauthorizedError);
    // Still a ConfigurationError for Intercom, so a run pauses on it as before.
    expect((injected as ConfigurationError).side).toBe('intercom');
  });

  it('when Intercom answers 403, then the run pauses with a ConfigurationError that is not a 401', async () => {
    emu.failNext({ kind: { status: 403 }, path: '/admins' });
    const err = await clientFor(emu)
      .listAdmins()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err).not.toBeInstanceOf(IntercomUnauthorizedError);
  });

  it("when Intercom answers 422, then that record fails with Intercom's message", async () => {
    emu.failNext({
      kind: {
        status: 422,
        body: { type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'Name is too long' }] },
      },
      path: '/companies',
    });
    const err = await clientFor(emu)
      .upsertCompany({ company_id: 'x:1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordError);
    expect((err as Error).message).toMatch(/Name is too long/);
  });

  it('when a ticket write is applied and then answered 500, then the client says the outcome is unknown and the ticket exists', async () => {
    const c = clientFor(emu);
    const contact = await c.createContact({ role: 'user', external_id: 'zendesk:applied' });
    const type = await c.createTicketType({ name: 'Applied' });
    const before = emu.state.tickets.size;
    emu.failNext({ kind: 'applied_then_server_error', method: 'POST', path: '/tickets' });
    const err = await c
      .createTicket({ ticket_type_id: type.id, contacts: [{ id: contact.id }], skip_notifications: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(emu.state.tickets.size).toBe(before + 1);
  });

  it('when a read times out after being answered late, then it is retried and succeeds', async () => {
    emu.failNext({ kind: 'timeout', path: '/teams' });
    const c = clientFor(emu, {
      timeoutMs: 300,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, resetJitterMs: 10 },
    });
    expect(await c.listTeams()).toHaveLength(1);
  });

  it('when a contact create is applied and then times out, then the retry meets the 409 and resolves the same contact', async () => {
    emu.failNext({ kind: 'applied_then_timeout', method: 'POST', path: '/contacts' });
    const c = clientFor(emu, {
      timeoutMs: 300,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, resetJitterMs: 10 },
    });
    const r = await c.createContact({ role: 'user', email: 'late@example.test' });
    expect(r.created).toBe(false);
    expect([...emu.state.contacts.values()].filter((x) => x.email === 'late@example.test')).toHaveLength(1);
  });
});
