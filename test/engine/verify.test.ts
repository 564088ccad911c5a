import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { HARD_CASES } from '../../src/sandbox/sample-account/index.js';
import { PAST_500_PARTS } from '../../src/transform/verify-thread.js';
import { verificationCounts, verificationRows } from '../../src/engine/verify-results.js';

describe('verification after a Zendesk run (the sandbox account)', () => {
  let h: EngineHarness;
  let migrationId: string;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 30, zendesk: { exportPerMinute: 10 } });
    await h.startRunner();
    migrationId = await h.newMigration({ options: { maxAttachmentBytes: 20 * 1024 * 1024 } });
  });
  afterAll(async () => h?.close());

  it(
    'when the full run ends, then every migrated record was read back and none mismatches',
    { timeout: 150_000 },
    async () => {
      const full = await h.run(migrationId, 'full', 140_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      const counts = await verificationCounts(h.db.knex, full.runId);
      const mismatches = await verificationRows(h.db.knex, full.runId, 'mismatch');
      expect(mismatches.slice(0, 20)).toEqual([]);
      expect(counts!.tickets!.checked).toBe(full.counters.tickets!.migrated);
      expect(counts!.contacts!.checked).toBeGreaterThan(0);
      expect(counts!.companies!.checked).toBeGreaterThan(0);
      expect(counts!.articles!.checked).toBe(full.counters.articles!.migrated);
      for (const c of Object.values(counts!)) expect(c.checked).toBe(c.matched + c.mismatched + c.unverifiable);
      // The sample account's long ticket (600 comments) is past what Intercom shows: never "matched".
      const long = `${h.account.ticket(HARD_CASES.longTicket).id}`;
      expect(await verificationRows(h.db.knex, full.runId, 'unverifiable')).toEqual([
        expect.objectContaining({ entity: 'tickets', source_id: long, problem: PAST_500_PARTS }),
      ]);
      expect(counts!.tickets).toMatchObject({ matched: full.counters.tickets!.migrated - 1, unverifiable: 1 });
    },
  );
});
