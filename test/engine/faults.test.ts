import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import {
  expectCleanIntercomTraffic,
  expectCountsAddUp,
  expectEachTicketOnce,
  expectNoDoubledParts,
} from './checks.js';

describe.each(['tickets', 'conversations'] as const)(
  'a run through injected faults (tickets as %s)',
  (target) => {
    let h: EngineHarness;
    beforeAll(async () => {
      h = await startEngineHarness({ tickets: 30, freshdeskFaults: { share503: 0.1 } });
      await h.startRunner();
    });
    afterAll(async () => h?.close());

    it(
      'when 20 % of Intercom calls fail (applied-then-500 and applied-then-timeout included) and 10 % of source calls answer 503, then nothing is lost or doubled',
      { timeout: 180_000 },
      async () => {
        h.intercom.setFaults({
          rateLimited: 0.04,
          serverError: 0.04,
          timeout: 0.04,
          appliedThenServerError: 0.04,
          appliedThenTimeout: 0.04,
        });
        const migrationId = await h.newMigration({
          entities: ['contacts', 'companies', 'tickets'],
          target,
          // From ticket 9 on: the 600-comment ticket (index 7) would make this test minutes long, since every
          // lost answer there means reading 500 parts back through the emulator's validator.
          filters: { createdFrom: h.account.ticket(8).createdAt },
          options: { maxAttachmentBytes: 20 * 1024 * 1024 },
        });
        const status = await h.run(migrationId, 'full', 170_000);
        h.intercom.setFaults({});
        expect(status.status, status.lastError ?? '').toBe('completed');
        await expectCountsAddUp(h.db.knex, status);
        await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'freshdesk', target);
        expectNoDoubledParts(h.intercom);
        expectCleanIntercomTraffic(h.intercom);
        // Nothing lost: no record failed for a transient reason, every staged ticket and comment is there.
        const failed = await h.db
          .knex('ledger')
          .where({ last_run_id: status.runId, status: 'failed' })
          .select('entity', 'source_id', 'reason');
        expect(failed).toEqual([]);
        expect(status.counters.tickets!.migrated + status.counters.tickets!.skipped).toBe(
          status.counters.tickets!.total,
        );
        const contacts = [...h.intercom.state.contacts.values()].map((c) =>
          String(c.email ?? c.external_id).toLowerCase(),
        );
        expect(new Set(contacts).size).toBe(contacts.length);
      },
    );
  },
);
