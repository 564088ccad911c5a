import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARD_CASES } from '../../src/sandbox/sample-account/index.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import {
  commentParts,
  expectCleanIntercomTraffic,
  expectCountsAddUp,
  expectEachTicketOnce,
  expectNoDoubledParts,
  ticketsBySourceId,
} from './checks.js';

async function commentsModeOf(h: EngineHarness, runId: string): Promise<unknown> {
  const row = await h.db.knex('runs').where({ id: runId }).first<{ plan: { commentsMode?: string } }>();
  return row.plan.commentsMode;
}

const ticketOf = (h: EngineHarness, index: number) => {
  const ids = ticketsBySourceId(h.intercom).get(`zendesk:${h.account.ticket(index).id}`) ?? [];
  expect(ids).toHaveLength(1);
  return h.intercom.state.tickets.get(ids[0]!)!;
};

describe('Zendesk → Intercom with the bulk comment stream', () => {
  let h: EngineHarness;
  let migrationId: string;
  beforeAll(async () => {
    // A high export limit: one export call beats one call per ticket, so chooseCommentMode picks bulk.
    h = await startEngineHarness({ tickets: 30, zendesk: { exportPerMinute: 100_000 } });
    await h.startRunner();
    migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      options: { maxAttachmentBytes: 20 * 1024 * 1024 },
    });
  });
  afterAll(async () => h?.close());

  it(
    'when a demo runs, then exactly 20 tickets are taken in hand and written once',
    { timeout: 120_000 },
    async () => {
      const demo = await h.run(migrationId, 'demo', 110_000);
      expect(demo.status, demo.lastError ?? '').toBe('completed');
      await expectCountsAddUp(h.db.knex, demo);
      expect(demo.counters.tickets!.total).toBe(20);
      await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'zendesk');
      expectNoDoubledParts(h.intercom);
      expectCleanIntercomTraffic(h.intercom);
    },
  );

  it(
    'when the full run follows, then comments come from the staged events, deleted tickets are skipped, deleted users and agent requesters kept, inline images attached',
    { timeout: 150_000 },
    async () => {
      const full = await h.run(migrationId, 'full', 140_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      expect(await commentsModeOf(h, full.runId)).toBe('streamed');
      await expectCountsAddUp(h.db.knex, full);
      await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'zendesk');
      expectNoDoubledParts(h.intercom);
      expectCleanIntercomTraffic(h.intercom);

      // Deleted in Zendesk: skipped with the reason, never written.
      for (const i of h.account.deletedTicketIndexes()) {
        const row = await h.db
          .knex('ledger')
          .where({ migration_id: migrationId, entity: 'tickets', source_id: h.account.ticket(i).id })
          .first<{ status: string; reason: string }>();
        expect(row.status).toBe('skipped');
        expect(row.reason).toMatch(/deleted in the source/);
      }
      // Every comment of the long ticket rebuilt from the staged events, in order.
      const long = ticketOf(h, HARD_CASES.longTicket);
      const comments = h.account.comments(HARD_CASES.longTicket);
      const written = long.parts.filter((p) => p.part_type === 'comment' || p.part_type === 'note');
      expect(written.length).toBeGreaterThanOrEqual(comments.length);
      expect(written.map((p) => p.created_at)).toEqual(
        [...written.map((p) => p.created_at)].sort((a, b) => a - b),
      );

      // The deleted user's ticket: their contact is its requester, their comments are there.
      const deleted = ticketOf(h, HARD_CASES.deletedRequester);
      expect(deleted.contactIds).toHaveLength(1);
      const deletedComments = h.account.comments(HARD_CASES.deletedRequester);
      expect(deleted.parts.length).toBeGreaterThanOrEqual(deletedComments.length);

      // The agent requester became a contact with the agent's e-mail.
      const byAgent = ticketOf(h, HARD_CASES.requestedByAgent);
      const agent = h.account
        .agents()
        .find((a) => a.id === h.account.ticket(HARD_CASES.requestedByAgent).requesterId);
      expect(agent).toBeDefined();
      const contact = h.intercom.state.contacts.get(byAgent.contactIds[0]!);
      expect(String(contact?.email).toLowerCase()).toBe(agent!.email!.toLowerCase());

      // The inline image travels as an attachment of its part, a marker left where it stood.
      const inline = ticketOf(h, HARD_CASES.inlineImage);
      const first = inline.parts.find((p) => p.attachments.length > 0);
      expect(first?.body ?? '').toMatch(/\[image: /);
      expect(h.intercom.state.attachmentFetches.filter((f) => !f.ok)).toEqual([]);
    },
  );

  it(
    'when the tickets go to conversations instead, then the staged events become each conversation once, in order',
    { timeout: 150_000 },
    async () => {
      const conversations = await h.newMigration({
        entities: ['contacts', 'companies', 'tickets'],
        target: 'conversations',
        filters: { createdFrom: h.account.ticket(8).createdAt },
      });
      const full = await h.run(conversations, 'full', 140_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      expect(await commentsModeOf(h, full.runId)).toBe('streamed');
      await expectCountsAddUp(h.db.knex, full);
      await expectEachTicketOnce(h.db.knex, h.intercom, conversations, 'zendesk', 'conversations');
      expectNoDoubledParts(h.intercom);
      expectCleanIntercomTraffic(h.intercom);
      expect(full.counters.tickets!.migrated).toBeGreaterThan(15);
      expect(full.counters.comments!.failed).toBe(0);
      for (const c of h.intercom.state.conversations.values()) {
        const times = commentParts(c.parts).map((p) => p.created_at);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
    },
  );
});

describe('Zendesk → Intercom with per-ticket comments', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    // Zendesk's documented 10 export calls a minute: per-ticket reads finish sooner for a small run.
    h = await startEngineHarness({ tickets: 30, zendesk: { exportPerMinute: 10 } });
    await h.startRunner();
  });
  afterAll(async () => h?.close());

  it(
    "when the run is small, then each ticket's comments are read on their own and all arrive once",
    { timeout: 120_000 },
    async () => {
      const migrationId = await h.newMigration({
        entities: ['contacts', 'companies', 'tickets'],
        // From ticket 9 on: the 600-comment ticket (index 7) only slows this one down.
        filters: { createdFrom: h.account.ticket(8).createdAt },
      });
      const full = await h.run(migrationId, 'full', 110_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      expect(await commentsModeOf(h, full.runId)).toBe('per-ticket');
      await expectCountsAddUp(h.db.knex, full);
      await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'zendesk');
      expectNoDoubledParts(h.intercom);
      expectCleanIntercomTraffic(h.intercom);
      expect(full.counters.tickets!.migrated).toBeGreaterThan(15);
      const deleted = ticketOf(h, HARD_CASES.deletedRequester);
      expect(deleted.parts.length).toBeGreaterThanOrEqual(
        h.account.comments(HARD_CASES.deletedRequester).length,
      );
    },
  );
  it(
    "when the run targets conversations, then each ticket's comments are read on their own and all arrive once",
    { timeout: 120_000 },
    async () => {
      const migrationId = await h.newMigration({
        entities: ['contacts', 'companies', 'tickets'],
        target: 'conversations',
        filters: { createdFrom: h.account.ticket(8).createdAt },
      });
      const full = await h.run(migrationId, 'full', 110_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      expect(await commentsModeOf(h, full.runId)).toBe('per-ticket');
      await expectCountsAddUp(h.db.knex, full);
      await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'zendesk', 'conversations');
      expectNoDoubledParts(h.intercom);
      expectCleanIntercomTraffic(h.intercom);
      expect(full.counters.tickets!.migrated).toBeGreaterThan(15);
      expect(full.counters.comments!.failed).toBe(0);
    },
  );

  it(
    'when ticket events and requester fields are to be private notes, then each ticket gets them as notes in time order',
    { timeout: 120_000 },
    async () => {
      const contactFields = h.account.fields('contact').filter((f) => !f.system);
      const migrationId = await h.newMigration({
        entities: ['contacts', 'companies', 'tickets'],
        filters: { createdFrom: h.account.ticket(20).createdAt },
        options: { eventsAsNotes: true, requesterFieldsAsNote: true },
      });
      const full = await h.run(migrationId, 'full', 110_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      await expectCountsAddUp(h.db.knex, full);
      expectCleanIntercomTraffic(h.intercom);
      const rows = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'tickets', status: 'migrated' })
        .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id');
      let eventNotes = 0;
      let fieldNotes = 0;
      for (const row of rows) {
        const t = h.intercom.state.tickets.get(row.target_id)!;
        const notes = t.parts.filter((p) => p.part_type === 'note');
        eventNotes += notes.filter((p) => (p.body ?? '').includes('Changed by')).length;
        fieldNotes += notes.filter((p) => (p.body ?? '').includes('About ')).length;
        const times = t.parts.map((p) => p.created_at);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
      const events = rows.reduce((n, r) => n + h.account.ticketEvents(Number(r.source_id) - 1).length, 0);
      expect(events).toBeGreaterThan(0);
      expect(eventNotes).toBeGreaterThan(0);
      if (contactFields.length > 0) expect(fieldNotes).toBeGreaterThan(0);
    },
  );
});
