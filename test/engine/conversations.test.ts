import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCleanIntercomTraffic, expectCountsAddUp, intercomFootprint } from './checks.js';

describe('tickets migrated as conversations', () => {
  let h: EngineHarness;
  let migrationId: string;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 30 });
    await h.startRunner();
    const teammate = String(h.intercom.state.admins[1]!.id);
    const team = String(h.intercom.state.teams[0]!.id);
    migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      target: 'conversations',
      // From ticket 9 on: the 600-comment ticket (index 7) only slows this test down.
      filters: { createdFrom: h.account.ticket(8).createdAt },
      mappings: {
        agents: Object.fromEntries(h.account.agents().map((a) => [a.id, teammate])),
        groups: Object.fromEntries(h.account.groups().map((g) => [g.id, team])),
      },
      options: { maxAttachmentBytes: 20 * 1024 * 1024 },
    });
  });
  afterAll(async () => h?.close());

  it(
    'when a run targets conversations, then each carries ferry_source_id, its CCs as participants, its assignment and its closed state, every request valid for 2.16',
    { timeout: 120_000 },
    async () => {
      const status = await h.run(migrationId, 'full', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      await expectCountsAddUp(h.db.knex, status);
      expectCleanIntercomTraffic(h.intercom);
      expect(h.intercom.state.tickets.size).toBe(0);
      // The conversation attribute was missing: created once.
      expect(h.intercom.state.conversationAttributes.map((a) => a.name)).toEqual(['ferry_source_id']);

      const migrated = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'tickets', status: 'migrated' })
        .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id');
      expect(migrated.length).toBeGreaterThan(15);
      expect(h.intercom.state.conversations.size).toBe(migrated.length);
      const contactOf = async (userId: string) =>
        (
          await h.db
            .knex('ledger')
            .where({ migration_id: migrationId, entity: 'contacts', source_id: userId })
            .first<{ target_id: string | null } | undefined>()
        )?.target_id ?? null;

      let withCcs = 0;
      let closed = 0;
      for (const row of migrated) {
        const c = h.intercom.state.conversations.get(row.target_id)!;
        expect((c.custom_attributes as Record<string, unknown>).ferry_source_id).toBe(
          `freshdesk:${row.source_id}`,
        );
        const ticket = h.account.ticket(Number(row.source_id) - 1);
        // Freshdesk names CCs by e-mail (the sample's ccIds are the same people).
        for (const cc of ticket.ccIds) {
          const contactId = await contactOf(cc);
          if (contactId && contactId !== c.contactIds[0]) {
            expect(c.contactIds).toContain(contactId);
            withCcs++;
          }
        }
        const types = c.parts.map((p) => p.part_type);
        if (ticket.assigneeId) expect(types).toContain('assignment');
        if (ticket.groupId) expect(c.team_assignee_id).toBe(Number(h.intercom.state.teams[0]!.id));
        if (ticket.status === 'solved' || ticket.status === 'closed') {
          expect(types[types.length - 1]).toBe('close');
          expect(c.state).toBe('closed');
          closed++;
        } else expect(types).not.toContain('close');
      }
      expect(withCcs).toBeGreaterThan(0);
      expect(closed).toBeGreaterThan(0);

      // A rerun adds nothing (no second participant, assignment or close part).
      const before = intercomFootprint(h.intercom);
      const again = await h.run(migrationId, 'full', 110_000);
      expect(again.status, again.lastError ?? '').toBe('completed');
      expect(intercomFootprint(h.intercom)).toEqual(before);
    },
  );
});
