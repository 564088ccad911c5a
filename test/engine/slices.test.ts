// Fairness on one worker slot: a stage job whose time slice is over stops between records, as at a pause,
// and queues itself again behind the jobs that waited (EngineDeps.stageSliceMs, FERRY_STAGE_SLICE_S); a
// ticket of many parts stops between its parts (StageContext.sliceOver) and the next job writes the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import {
  commentParts,
  expectCleanIntercomTraffic,
  expectCountsAddUp,
  expectNoDoubledParts,
} from './checks.js';
import { startRun, waitForRun } from '../../src/app/runs.js';
import { targetIds } from '../../src/engine/ledger.js';

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

/** The Intercom id of a migration's ticket with the most parts (the sample's 600-comment ticket). */
async function longestTicket(migrationId: string): Promise<string> {
  const parent = await h.db
    .knex('ledger')
    .where({ migration_id: migrationId, entity: 'parts' })
    .groupBy('parent_source_id')
    .orderByRaw('count(*) desc')
    .first<{ parent_source_id: string }>('parent_source_id');
  const source = parent!.parent_source_id;
  return (await targetIds(h.db.knex, migrationId, 'tickets', [source])).get(source)!;
}

/** The Intercom ids of a migration's tickets. */
async function ticketIds(migrationId: string): Promise<Set<string>> {
  const rows = await h.db
    .knex('ledger')
    .where({ migration_id: migrationId, entity: 'tickets' })
    .whereNotNull('target_id')
    .select<{ target_id: string }[]>('target_id');
  return new Set(rows.map((r) => r.target_id));
}

describe('stage time slices', () => {
  let a: string;
  let b: string;
  let statuses: Awaited<ReturnType<typeof waitForRun>>[];
  beforeAll(async () => {
    h.deps.stageSliceMs = 300;
    await h.startRunner({ concurrency: 1 });
    [a, b] = [await h.newMigration(), await h.newMigration()];
    const runs = [await startRun(h.db.knex, a, 'full'), await startRun(h.db.knex, b, 'full')];
    statuses = await Promise.all(
      runs.map((id) => waitForRun(h.db.knex, id, { pollMs: 100, signal: AbortSignal.timeout(170_000) })),
    );
  }, 180_000);

  it('when two migrations share one worker slot, then their ticket stages interleave and each resumes exactly where it yielded', async () => {
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
  });

  it('when a ticket has more parts than a slice can write, then it yields between its parts, the other migration writes meanwhile, and every part lands once, in order', async () => {
    const long = await longestTicket(a);
    const replies = `/tickets/${long}/reply`;
    const requests = h.intercom.state.requests;
    const paths = requests.map((r) => r.path);
    const [first, last] = [paths.indexOf(replies), paths.lastIndexOf(replies)];
    // Before, the job holding it kept the only slot until its last part: the other migration sent nothing.
    const others = [...(await ticketIds(b))].map((id) => `/tickets/${id}`);
    const otherWrites = requests
      .slice(first, last)
      .filter((r) => others.some((prefix) => r.path.startsWith(prefix)));
    expect(otherWrites.length).toBeGreaterThan(0);
    const parts = commentParts(h.intercom.state.tickets.get(long)!.parts);
    expect(parts.length).toBeGreaterThan(500);
    expect(requests.filter((r) => r.path === replies && r.status === 200)).toHaveLength(parts.length);
    const times = parts.map((p) => p.created_at);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });
});
