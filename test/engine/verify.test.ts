import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatusView } from '../../src/app/runs.js';
import { HARD_CASES } from '../../src/sandbox/sample-account/index.js';
import { PAST_500_PARTS } from '../../src/transform/verify-thread.js';
import {
  resetVerification,
  totalCounts,
  verificationCounts,
  verificationRows,
} from '../../src/engine/verify-results.js';
import { getRun } from '../../src/engine/run-state.js';
import { getMigration, settingsOf, type StageContext } from '../../src/engine/context.js';
import { clearStaging } from '../../src/engine/staging.js';
import { runVerifyStage } from '../../src/engine/verify.js';
import { restageFromSource } from '../../src/engine/verify-restage.js';
import { expectCleanIntercomTraffic } from './checks.js';
import { silent, startEngineHarness, type EngineHarness, type HarnessOptions } from './harness.js';

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

describe('a verification stopped and resumed', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 24 });
    await h.startRunner();
  });
  afterAll(async () => h?.close());

  it(
    'when it stops after a few records and goes on, then it resumes after its last checkpoint and counts every record once',
    { timeout: 180_000 },
    async () => {
      const migrationId = await h.newMigration({ entities: ['contacts', 'companies', 'tickets'] });
      const full = await h.run(migrationId, 'full', 140_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      const once = await verificationCounts(h.db.knex, full.runId);
      const run = (await getRun(h.db.knex, full.runId))!;
      // The run ended, so the context is built as `ferry verify` builds it: a stage context would watch the
      // run's status and stop its Intercom waits at once, since the run is not running.
      const migration = (await getMigration(h.db.knex, run.migration_id))!;
      const deps = { ...h.deps, pageSize: 3 };
      const ctx: StageContext = {
        deps,
        db: h.db.knex,
        logger: silent,
        run,
        migration,
        platform: migration.source_platform,
        settings: settingsOf(migration),
        connector: await deps.connectorFor(migration),
        intercom: await deps.intercomFor(migration),
        signal: new AbortController().signal,
        write: { db: h.db.knex, runId: run.id },
        shouldStop: () => false,
      };
      // Its staging is gone, so it is read again from the source (as `ferry verify` does).
      await restageFromSource(ctx);
      await resetVerification(h.db.knex, run.id);
      let looks = 0;
      expect(await runVerifyStage({ ...ctx, shouldStop: () => ++looks > 20 })).toBe(false);
      const partial = await verificationCounts(h.db.knex, run.id);
      expect(totalCounts(partial!).checked).toBeGreaterThan(0);
      expect(totalCounts(partial!).checked).toBeLessThan(totalCounts(once!).checked);
      expect(await runVerifyStage(ctx)).toBe(true);
      await clearStaging(h.db.knex, run.id);
      expect(await verificationCounts(h.db.knex, full.runId)).toEqual(once);
    },
  );
});
