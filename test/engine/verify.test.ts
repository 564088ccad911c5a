import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatusView } from '../../src/app/runs.js';
import { HARD_CASES } from '../../src/sandbox/sample-account/index.js';
import { PAST_500_PARTS } from '../../src/transform/verify-thread.js';
import { verificationCounts, verificationRows } from '../../src/engine/verify-results.js';
import { expectCleanIntercomTraffic } from './checks.js';
import { startEngineHarness, type EngineHarness, type HarnessOptions } from './harness.js';

/** Every migrated record was read back; none mismatches; the long ticket (600 comments) is not verifiable. */
async function expectVerified(
  h: EngineHarness,
  run: RunStatusView,
  o: { longTicket: true | 'maybe' },
): Promise<void> {
  expect(run.status, run.lastError ?? '').toBe('completed');
  const counts = (await verificationCounts(h.db.knex, run.runId))!;
  expect(await verificationRows(h.db.knex, run.runId, 'mismatch', { limit: 20 })).toEqual([]);
  for (const [entity, c] of Object.entries(counts)) {
    expect(c.checked, entity).toBe(c.matched + c.mismatched + c.unverifiable);
    expect(c.checked, entity).toBeLessThanOrEqual(run.counters[entity]?.migrated ?? 0);
  }
  expect(counts.tickets!.checked).toBe(run.counters.tickets!.migrated);
  expect(counts.contacts!.checked).toBeGreaterThan(0);
  const unverifiable = await verificationRows(h.db.knex, run.runId, 'unverifiable');
  // Only the long ticket is past what Intercom shows (a demo may or may not have drawn it).
  for (const row of unverifiable)
    expect(row).toMatchObject({
      entity: 'tickets',
      source_id: h.account.ticket(HARD_CASES.longTicket).id,
      problem: PAST_500_PARTS,
    });
  expect(unverifiable.length).toBe(o.longTicket === 'maybe' ? unverifiable.length : 1);
  expect(run.verification).toMatchObject({ mismatched: 0, unverifiable: unverifiable.length });
}

describe.each<[string, HarnessOptions, 'tickets' | 'conversations']>([
  ['Zendesk', { tickets: 30, zendesk: { exportPerMinute: 10 } }, 'tickets'],
  ['Freshdesk', { tickets: 30 }, 'tickets'],
  ['Freshdesk as conversations', { tickets: 30 }, 'conversations'],
])('verification of the sandbox account from %s', (_source, options, target) => {
  let h: EngineHarness;
  let migrationId: string;
  beforeAll(async () => {
    h = await startEngineHarness(options);
    await h.startRunner();
    migrationId = await h.newMigration({ target, options: { maxAttachmentBytes: 20 * 1024 * 1024 } });
  });
  afterAll(async () => h?.close());

  it(
    `when the demo and then the full run end (target ${target}), then each verified every record it migrated and found no mismatch`,
    { timeout: 240_000 },
    async () => {
      const demo = await h.run(migrationId, 'demo', 110_000);
      await expectVerified(h, demo, { longTicket: 'maybe' });
      const full = await h.run(migrationId, 'full', 140_000);
      await expectVerified(h, full, { longTicket: true });
      expect((await verificationCounts(h.db.knex, full.runId))!.articles!.checked).toBe(
        full.counters.articles!.migrated,
      );
      // The read-backs (tickets with their tags, companies, articles) are answers 2.16 describes.
      expectCleanIntercomTraffic(h.intercom);
    },
  );
});
