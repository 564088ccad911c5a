import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, waitForRun } from '../../src/app/runs.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { workerUntilKilled } from './kill-worker.js';
import {
  expectCleanIntercomTraffic,
  expectCountsAddUp,
  expectEachTicketOnce,
  expectNoDoubledParts,
} from './checks.js';

describe.each(['tickets', 'conversations'] as const)(
  'a worker killed between an Intercom write and its ledger commit (tickets as %s)',
  (target) => {
    let h: EngineHarness;
    beforeAll(async () => {
      h = await startEngineHarness({ tickets: 20 });
    });
    afterAll(async () => h?.close());

    it(
      'when the run resumes on another worker, then nothing is doubled and nothing is missing',
      { timeout: 180_000 },
      async () => {
        const migrationId = await h.newMigration({
          entities: ['contacts', 'companies', 'tickets'],
          target,
          filters: { createdFrom: h.account.ticket(8).createdAt },
          options: { maxAttachmentBytes: 20 * 1024 * 1024 },
        });
        const runId = await startRun(h.db.knex, migrationId, 'full');
        expect(await workerUntilKilled(h, 'parts:15')).toBe('SIGKILL');
        const pending = await h.db
          .knex('ledger')
          .where({ migration_id: migrationId, status: 'pending' })
          .count<{ n: string }[]>('* as n');
        expect(Number(pending[0]?.n)).toBeGreaterThan(0);
        await h.startRunner();
        const status = await waitForRun(h.db.knex, runId, {
          pollMs: 100,
          signal: AbortSignal.timeout(170_000),
        });
        expect(status.status, status.lastError ?? '').toBe('completed');
        await expectCountsAddUp(h.db.knex, status);
        await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'freshdesk', target);
        expectNoDoubledParts(h.intercom);
        expectCleanIntercomTraffic(h.intercom);
        const failed = await h.db
          .knex('ledger')
          .where({ last_run_id: runId, status: 'failed' })
          .whereIn('entity', ['comments', 'parts'])
          .select('source_id', 'reason');
        expect(failed).toEqual([]);
      },
    );
  },
);
