// A run's counters while it loads: the plan's total covers the staged records and the deletions the source
// reported (skipped at planning), so a running total never reads below what the ledger already holds; and
// the samples a loading stage keeps of them are throttled (progressSampler).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createMigratedTestDatabase, type TestDatabase } from '../helpers/db.js';
import { installSchema } from '../../src/jobs/runner/index.js';
import { createMigration, ensureWorkspace, startRun } from '../../src/app/runs.js';
import { mergePlan } from '../../src/engine/run-state.js';
import { markResults } from '../../src/engine/ledger.js';
import { DELETED_IN_SOURCE } from '../../src/engine/plan.js';
import { progressSampler, runCounters } from '../../src/engine/progress.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedTestDatabase();
  await installSchema(db.url, pino({ level: 'silent' }));
});
afterAll(async () => db?.drop());

describe('run counters while a run loads', () => {
  it('when the source reported deleted tickets at planning, then the running total counts them on top of the staged ones', async () => {
    const workspaceId = await ensureWorkspace(db.knex, 'ws-progress', 'progress');
    const migrationId = await createMigration(db.knex, { workspaceId, name: 'p', platform: 'zendesk' });
    const runId = await startRun(db.knex, migrationId, 'full');
    await mergePlan(db.knex, runId, { available: { tickets: 3 }, totals: { tickets: 3 }, planned: true });
    await markResults(db.knex, migrationId, 'tickets', runId, [
      { sourceId: '9', status: 'skipped', reason: DELETED_IN_SOURCE },
      { sourceId: '1', status: 'migrated', targetId: 't1' },
    ]);
    const tickets = (await runCounters(db.knex, runId)).tickets!;
    expect(tickets).toMatchObject({ available: 3, total: 4, migrated: 1, skipped: 1, deletedInSource: 1 });
  });
});

describe('progress samples while a stage loads', () => {
  it('when pages finish faster than the sample interval, then the run is sampled at its first page and then once per interval', async () => {
    const workspaceId = await ensureWorkspace(db.knex, 'ws-samples', 'samples');
    const migrationId = await createMigration(db.knex, { workspaceId, name: 's', platform: 'zendesk' });
    const runId = await startRun(db.knex, migrationId, 'full');
    let t = 0;
    const sample = progressSampler(db.knex, runId, { everyMs: 10_000, now: () => t });
    for (const at of [0, 1_000, 9_999, 10_000, 15_000, 25_000]) {
      t = at;
      await sample();
    }
    const rows = await db.knex('run_progress').where({ run_id: runId }).count<{ n: string }[]>('* as n');
    expect(Number(rows[0]!.n)).toBe(3);
  });
});
