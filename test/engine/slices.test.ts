// Fairness on one worker slot: a stage job whose time slice is over stops between records, as at a pause,
// and queues itself again behind the jobs that waited (EngineDeps.stageSliceMs, FERRY_STAGE_SLICE_S).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCleanIntercomTraffic, expectCountsAddUp, expectNoDoubledParts } from './checks.js';
import { startRun, waitForRun } from '../../src/app/runs.js';

let h: EngineHarness;
beforeAll(async () => {
  h = await startEngineHarness({ tickets: 40, ticketConcurrency: 2 });
});
afterAll(async () => h?.close());

/** When a migration's tickets were written: its first and last ticket's ledger time (epoch ms). */
async function ticketSpan(migrationId: string): Promise<{ first: number; last: number; n: number }> {
  const row = await h.db
    .knex('ledger')
    .where({ migration_id: migrationId, entity: 'tickets', status: 'migrated' })
    .first<{ first: Date; last: Date; n: string }>(
      h.db.knex.raw('min(updated_at) as first'),
      h.db.knex.raw('max(updated_at) as last'),
      h.db.knex.raw('count(*) as n'),
    );
  return { first: row.first.getTime(), last: row.last.getTime(), n: Number(row.n) };
}

describe('stage time slices', () => {
  it('when two migrations share one worker slot, then their ticket stages interleave and each resumes exactly where it yielded', async () => {
    h.deps.stageSliceMs = 300;
    await h.startRunner({ concurrency: 1 });
    const [a, b] = [await h.newMigration(), await h.newMigration()];
    const runs = [await startRun(h.db.knex, a, 'full'), await startRun(h.db.knex, b, 'full')];
    const statuses = await Promise.all(
      runs.map((id) => waitForRun(h.db.knex, id, { pollMs: 100, signal: AbortSignal.timeout(170_000) })),
    );
    for (const status of statuses) {
      expect(status.lastError).toBeNull();
      expect(status.status).toBe('completed');
      await expectCountsAddUp(h.db.knex, status);
      expect(status.counters.tickets!.migrated).toBeGreaterThan(30);
    }
    // Neither waited for the other's whole tickets stage: while one wrote its tickets, so did the other.
    const [sa, sb] = [await ticketSpan(a), await ticketSpan(b)];
    expect(sa.first).toBeLessThan(sb.last);
    expect(sb.first).toBeLessThan(sa.last);
    // Exact resumes: every migrated ticket is in Intercom once, and no part was written twice.
    expect(h.intercom.state.tickets.size).toBe(sa.n + sb.n);
    expectNoDoubledParts(h.intercom);
    expectCleanIntercomTraffic(h.intercom);
  }, 180_000);
});
