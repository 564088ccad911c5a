import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { parseCsv, writeReports } from '../../src/report/index.js';
import { recordsPage } from '../../src/app/console/reports.js';
import { cancelRun, getRunStatus, startRun } from '../../src/app/runs.js';
import { REPORTED_ENTITIES } from '../../src/engine/progress.js';

type Counts = Record<string, { migrated: number; failed: number; skipped: number }>;

/** Rows per entity and status across the three CSVs of a report folder. */
async function csvCounts(dir: string): Promise<{ counts: Counts; tickets: string[] }> {
  const counts: Counts = {};
  const tickets: string[] = [];
  for (const status of ['migrated', 'failed', 'skipped'] as const) {
    const rows = parseCsv(await readFile(path.join(dir, `${status}.csv`), 'utf8')).slice(1);
    for (const [entity, sourceId] of rows) {
      (counts[entity!] ??= { migrated: 0, failed: 0, skipped: 0 })[status]++;
      if (entity === 'tickets') tickets.push(sourceId!);
    }
  }
  return { counts, tickets };
}

/** The run's counters as finalise stored them (runs.counters), without the entities it never touched. */
async function storedCounters(h: EngineHarness, runId: string): Promise<Counts> {
  const row = await h.db.knex('runs').where({ id: runId }).first<{ counters: Counts }>('counters');
  const out: Counts = {};
  for (const [entity, c] of Object.entries(row.counters))
    if (c.migrated + c.failed + c.skipped > 0)
      out[entity] = { migrated: c.migrated, failed: c.failed, skipped: c.skipped };
  return out;
}

describe('the report of a run that a later run followed (Freshdesk → Intercom emulator)', () => {
  let h: EngineHarness;
  let dir: string;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 40 });
    await h.startRunner();
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-run-reports-'));
  });
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    "when a full run follows a demo, then the demo's report still lists its 20 tickets (CSV rows = the demo's counters)",
    { timeout: 180_000 },
    async () => {
      const migrationId = await h.newMigration();
      const demo = await h.run(migrationId, 'demo');
      expect(demo.status, demo.lastError ?? '').toBe('completed');
      expect(demo.counters.tickets!.total).toBe(20);
      const full = await h.run(migrationId, 'full', 150_000);
      expect(full.status, full.lastError ?? '').toBe('completed');

      // The full run took the demo's tickets in hand again: the ledger names the full run for them now.
      const stillDemo = await h.db
        .knex('ledger')
        .where({ last_run_id: demo.runId, entity: 'tickets' })
        .count<{ n: string }[]>('* as n');
      expect(Number(stillDemo[0]!.n)).toBe(0);

      const demoCounters = await storedCounters(h, demo.runId);
      const demoDir = path.join(dir, 'demo');
      const written = await writeReports(h.db.knex, demo.runId, demoDir);
      const demoCsv = await csvCounts(demoDir);
      expect(demoCsv.tickets).toHaveLength(20);
      expect(new Set(demoCsv.tickets).size).toBe(20);
      expect(demoCsv.counts).toEqual(demoCounters);
      // summary.json says what the CSVs hold.
      expect(written.summary.entities.tickets).toMatchObject({ total: 20, ...demoCounters.tickets });
      expect((await getRunStatus(h.db.knex, demo.runId)).counters.tickets!.total).toBe(20);

      // The full run's report is whole too.
      const fullDir = path.join(dir, 'full');
      await writeReports(h.db.knex, full.runId, fullDir);
      expect((await csvCounts(fullDir)).counts).toEqual(await storedCounters(h, full.runId));

      // The console's records of the demo: its 20 tickets, the same as its CSVs.
      const page = await recordsPage(h.db.knex, await getRunStatus(h.db.knex, demo.runId), {
        entity: 'tickets',
      });
      expect(page.nextAfterId).toBeNull();
      expect(page.rows.map((r) => r.sourceId).sort()).toEqual([...demoCsv.tickets].sort());
    },
  );

  it(
    'when a run is cancelled with tickets in flight, then its report holds every outcome that names it, those written after the cancel too',
    { timeout: 120_000 },
    async () => {
      const migrationId = await h.newMigration();
      const runId = await startRun(h.db.knex, migrationId, 'full');
      const migrated = async () =>
        Number(
          (
            await h.db
              .knex('ledger')
              .where({ last_run_id: runId, entity: 'tickets', status: 'migrated' })
              .count<{ n: string }[]>('* as n')
          )[0]!.n,
        );
      const deadline = Date.now() + 60_000;
      while ((await migrated()) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await cancelRun(h.db.knex, runId);
      // Lets the stage's job finish the records it had in hand.
      await h.stopRunner();

      const ledger = await h.db
        .knex('ledger')
        .where({ last_run_id: runId })
        .whereIn('entity', [...REPORTED_ENTITIES])
        .whereIn('status', ['migrated', 'failed', 'skipped'])
        .orderBy('id')
        .select<{ entity: string; source_id: string }[]>('entity', 'source_id');
      const cancelledDir = path.join(dir, 'cancelled');
      await writeReports(h.db.knex, runId, cancelledDir);
      const reported = await csvCounts(cancelledDir);
      expect(reported.tickets.sort()).toEqual(
        ledger
          .filter((r) => r.entity === 'tickets')
          .map((r) => r.source_id)
          .sort(),
      );
      const total = Object.values(reported.counts).reduce((n, c) => n + c.migrated + c.failed + c.skipped, 0);
      expect(total).toBe(ledger.length);
      expect((await getRunStatus(h.db.knex, runId)).status).toBe('cancelled');
    },
  );
});
