import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from '../../src/sandbox/intercom/index.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCountsAddUp, expectEachTicketOnce, expectNoDoubledParts } from './checks.js';

describe.each(['tickets', 'conversations'] as const)(
  'demo run (Freshdesk → Intercom emulator, tickets as %s)',
  (target) => {
    let h: EngineHarness;
    beforeAll(async () => {
      h = await startEngineHarness({ tickets: 40 });
      await h.startRunner();
    });
    afterAll(async () => h?.close());

    it(
      `when a demo runs, then exactly 20 tickets reach Intercom as ${target} with the contacts they need`,
      { timeout: 90_000 },
      async () => {
        const migrationId = await h.newMigration({ target });
        const status = await h.run(migrationId, 'demo');
        expect(status.lastError).toBeNull();
        expect(status.status).toBe('completed');
        expect(status.counters.tickets?.total).toBe(20);
        // A demo completes the run, never the migration: that waits for a full run.
        const m = await h.db
          .knex('migrations')
          .where({ id: migrationId })
          .first<{ status: string }>('status');
        expect(m.status).toBe('demo_done');
        await expectCountsAddUp(h.db.knex, status);
        const held = target === 'tickets' ? h.intercom.state.tickets : h.intercom.state.conversations;
        expect(held.size).toBe(status.counters.tickets?.migrated);
        expect(held.size).toBeGreaterThan(10);
        await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'freshdesk', target);
        expectNoDoubledParts(h.intercom);
        expectNoViolations(h.intercom);
        expect(h.intercom.state.unsilencedWrites).toEqual([]);
      },
    );
  },
);
