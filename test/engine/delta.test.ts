import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import {
  commentParts,
  expectCleanIntercomTraffic,
  expectCountsAddUp,
  expectEachTicketOnce,
  expectNoDoubledParts,
  intercomFootprint,
  objectOf,
} from './checks.js';

describe.each(['tickets', 'conversations'] as const)(
  'a delta run after changes in the source (tickets as %s)',
  (target) => {
    let h: EngineHarness;
    let migrationId: string;
    beforeAll(async () => {
      h = await startEngineHarness({ tickets: 30 });
      await h.startRunner();
      migrationId = await h.newMigration({
        entities: ['contacts', 'companies', 'tickets'],
        target,
        // From ticket 9 on: the 600-comment ticket (index 7) only slows this test down.
        filters: { createdFrom: h.account.ticket(8).createdAt },
        options: { maxAttachmentBytes: 20 * 1024 * 1024 },
      });
    });
    afterAll(async () => h?.close());

    const ticketIn = (sourceId: string) => objectOf(h.intercom, target, 'freshdesk', sourceId);
    /** The parts the source's comments became (a conversation's assignment and close parts left out). */
    const partsOf = (sourceId: string) => commentParts(ticketIn(sourceId).parts);
    const held = () =>
      target === 'tickets' ? intercomFootprint(h.intercom).tickets : h.intercom.state.conversations.size;

    it(
      'when comments are added, a ticket changes and a ticket is new, then the delta appends only the new comments, updates the changed ticket and creates the new one',
      { timeout: 120_000 },
      async () => {
        const full = await h.run(migrationId, 'full', 100_000);
        expect(full.status, full.lastError ?? '').toBe('completed');
        const before = intercomFootprint(h.intercom);
        const heldBefore = held();
        const partsBefore = (id: string) => partsOf(id).length;
        const commented = [h.account.ticket(10).id, h.account.ticket(12).id];
        const counts = new Map(commented.map((id) => [id, partsBefore(id)]));
        const changed = h.account.ticket(17).id;
        const changedParts = partsBefore(changed);

        // Changes in the source after the full run started (its watermark); index 14 is archived (never
        // changes again on Freshdesk), so the changed ticket is index 17.
        await new Promise((r) => setTimeout(r, 1_100));
        h.account.addComment(10, 'A follow-up after the migration');
        h.account.addComment(12, 'First new comment');
        h.account.addComment(12, 'Second new comment');
        h.account.changeTicket(17, { subject: 'Changed in the source', status: 'solved' });
        const added = h.account.addTicket(9, 'A ticket created after the full run');
        h.freshdesk.reindex();

        const delta = await h.run(migrationId, 'delta', 100_000);
        expect(delta.status, delta.lastError ?? '').toBe('completed');
        await expectCountsAddUp(h.db.knex, delta);
        await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'freshdesk', target);
        expectNoDoubledParts(h.intercom);
        expectCleanIntercomTraffic(h.intercom);

        const rows = await h.db
          .knex('ledger')
          .where({ last_run_id: delta.runId, entity: 'tickets' })
          .select('source_id', 'status', 'reason');
        expect(
          rows
            .filter((r) => r.status !== 'skipped')
            .map((r) => r.source_id)
            .sort(),
        ).toEqual([h.account.ticket(10).id, h.account.ticket(12).id, changed, added].sort());
        // Only what changed was in the delta's hands (besides the deletions the source reports again).
        expect(delta.counters.tickets!.migrated).toBe(4);
        const skipped = await h.db
          .knex('ledger')
          .where({ last_run_id: delta.runId, entity: 'tickets', status: 'skipped' })
          .pluck('reason');
        for (const reason of skipped) expect(reason).toMatch(/deleted in the source/);
        const after = intercomFootprint(h.intercom);
        expect(held()).toBe(heldBefore + 1);
        expect(after.contacts).toBe(before.contacts);

        // New comments appended, in order, once.
        const tail = (id: string, n: number) =>
          partsOf(id)
            .slice(-n)
            .map((p) => p.body ?? '');
        expect(partsOf(commented[0]!).length).toBe(counts.get(commented[0]!)! + 1);
        expect(tail(commented[0]!, 1)[0]).toContain('A follow-up after the migration');
        expect(partsOf(commented[1]!).length).toBe(counts.get(commented[1]!)! + 2);
        const two = tail(commented[1]!, 2);
        expect(two[0]).toContain('First new comment');
        expect(two[1]).toContain('Second new comment');

        // The changed ticket: title and state updated, no comment written again.
        const t = ticketIn(changed);
        if (target === 'tickets') {
          expect((t.ticket_attributes as Record<string, unknown>)._default_title_).toBe(
            'Changed in the source',
          );
          const state = h.intercom.state.ticketStates.find((s) => s.id === t.ticket_state_id);
          expect(state?.category).toBe('resolved');
        } else {
          expect(t.title).toContain('Changed in the source');
          expect(t.state).toBe('closed');
        }
        expect(partsOf(changed).length).toBe(changedParts);

        // The new ticket: created with its comments.
        expect(partsOf(added).length).toBeGreaterThan(0);
      },
    );

    it(
      'when a migrated ticket is deleted in the source, then the delta reports it skipped and Intercom keeps it',
      { timeout: 120_000 },
      async () => {
        const gone = h.account.ticket(16).id;
        const before = intercomFootprint(h.intercom);
        await new Promise((r) => setTimeout(r, 1_100));
        h.account.deleteTicket(16);
        h.freshdesk.reindex();
        const delta = await h.run(migrationId, 'delta', 100_000);
        expect(delta.status, delta.lastError ?? '').toBe('completed');
        await expectCountsAddUp(h.db.knex, delta);
        const row = await h.db
          .knex('ledger')
          .where({ migration_id: migrationId, entity: 'tickets', source_id: gone })
          .first<{ status: string; reason: string; target_id: string | null }>();
        expect(row.status).toBe('skipped');
        expect(row.reason).toMatch(/deleted in the source/);
        expect(intercomFootprint(h.intercom)).toEqual(before);
        expect(ticketIn(gone)).toBeDefined();
      },
    );
  },
);
