import { afterEach, describe, expect, it } from 'vitest';
import { startRun, waitForRun } from '../../src/app/runs.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { workerUntilKilled } from './kill-worker.js';
import { expectCountsAddUp, expectEachTicketOnce, expectNoDoubledParts } from './checks.js';
import { attachmentFetchesSettled, expectEveryAttachmentArrived } from './attachment-checks.js';

describe('attachments that do not depend on the writing process or the source staying up', () => {
  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const target of ['tickets', 'conversations'] as const) {
    it(
      `when the writing worker is SIGKILLed mid-run, 10 % of source file reads answer 503 and Intercom fetches links later, then every ${target === 'tickets' ? 'ticket' : 'conversation'} attachment still arrives with its name and size`,
      { timeout: 180_000 },
      async () => {
        h = await startEngineHarness({
          tickets: 20,
          freshdeskFaults: { attachmentShare503: 0.1 },
          // Intercom fetches the links a while after the write: after the writer died, for the last ones.
          attachmentFetchDelayMs: 800,
        });
        const migrationId = await h.newMigration({
          entities: ['contacts', 'companies', 'tickets'],
          target,
          filters: { createdFrom: h.account.ticket(8).createdAt },
          options: { maxAttachmentBytes: 20 * 1024 * 1024 },
        });
        const runId = await startRun(h.db.knex, migrationId, 'full');
        expect(await workerUntilKilled(h, 'parts:12')).toBe('SIGKILL');
        await h.startRunner();
        const status = await waitForRun(h.db.knex, runId, {
          pollMs: 100,
          signal: AbortSignal.timeout(150_000),
        });
        expect(status.status, status.lastError ?? '').toBe('completed');
        await attachmentFetchesSettled(h);
        await expectCountsAddUp(h.db.knex, status);
        if (target === 'tickets') {
          await expectEachTicketOnce(h.db.knex, h.intercom, migrationId);
          expectNoDoubledParts(h.intercom);
        }
        expect(h.freshdesk.stats.faults, 'file reads failed and were retried').toBeGreaterThan(0);
        const arrived = await expectEveryAttachmentArrived(h.db.knex, h, migrationId);
        expect(arrived).toBeGreaterThan(5);
        // Links were handed to Intercom (not only inline files), and were served from Ferry's store.
        expect(h.intercom.state.attachmentFetches.length).toBeGreaterThan(0);
      },
    );
  }

  it(
    'when the source refuses every file read, then each part is still written and its ledger row names the file left off',
    { timeout: 120_000 },
    async () => {
      h = await startEngineHarness({ tickets: 20, freshdeskFaults: { attachmentShare503: 1 } });
      await h.startRunner();
      const migrationId = await h.newMigration({
        entities: ['contacts', 'companies', 'tickets'],
        filters: { createdFrom: h.account.ticket(8).createdAt },
      });
      const status = await h.run(migrationId, 'full', 100_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      await expectCountsAddUp(h.db.knex, status);
      const attachments = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'attachments' })
        .select<{ status: string; reason: string | null }[]>('status', 'reason');
      expect(attachments.length).toBeGreaterThan(0);
      for (const a of attachments) {
        expect(a.status).toBe('skipped');
        expect(a.reason).toMatch(/could not be fetched from the source after retries: .*HTTP 503/);
      }
      const parts = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'parts' })
        .whereLike('reason', '%could not be fetched%')
        .select<{ status: string }[]>('status');
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.every((p) => p.status === 'migrated')).toBe(true);
      expect(status.counters.comments?.failed ?? 0).toBe(0);
    },
  );
});
