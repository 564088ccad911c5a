// The articles stage moved before the tickets stage (so links in ticket comments can lead to the migrated
// articles). A run that an earlier release left at 'tickets', paused or running with its job queued, has not
// run its articles stage: migration 20261206000100 takes it back to 'articles', so after the upgrade it
// migrates the help center and then resumes its tickets from their checkpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLatest } from '../../src/db/migrate.js';
import { down } from '../../migrations/20261206000100_articles_before_tickets.js';
import { getRunStatus, resumeRun, waitForRun, type RunStatusView } from '../../src/app/runs.js';
import { RUN_STAGES } from '../../src/engine/run-state.js';
import { enqueueStage } from '../../src/jobs/tasks/run-stage.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCountsAddUp } from './checks.js';

const MIGRATION = '20261206000100_articles_before_tickets';

describe('runs in flight across the upgrade that put articles before tickets', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20, zendesk: { exportPerMinute: 700 } });
    await h.startRunner();
  });
  afterAll(async () => h?.close());

  /**
   * A run as the earlier release leaves it: plan, reference, companies and contacts done, nothing of the
   * help center written, the run at 'tickets'. Intercom refuses the articles stage's first call once (the
   * token, 401: the run pauses there), then the stage is set to 'tickets' as the earlier order had it.
   */
  async function runLeftAtTickets(): Promise<{ migrationId: string; runId: string }> {
    h.intercom.failNext({ kind: { status: 401 }, operation: 'POST /help_center/collections' });
    const migrationId = await h.newMigration();
    const paused = await h.run(migrationId, 'full', 110_000);
    expect(paused.status, paused.lastError ?? '').toBe('paused');
    expect(paused.stage).toBe('articles');
    expect(paused.counters.articles?.migrated).toBe(0);
    expect(paused.counters.tickets?.migrated).toBe(0);
    await h.db.knex('runs').where({ id: paused.runId }).update({ stage: 'tickets' });
    return { migrationId, runId: paused.runId };
  }

  /** The upgrade: the migration applied as `ferry db migrate` applies it. */
  async function upgrade(): Promise<void> {
    await h.db.knex('knex_migrations').where({ name: MIGRATION }).del();
    expect(await migrateLatest(h.db.knex)).toEqual([MIGRATION]);
  }

  async function expectEverythingMigrated(status: RunStatusView): Promise<void> {
    expect(status.status, status.lastError ?? '').toBe('completed');
    await expectCountsAddUp(h.db.knex, status);
    const articles = h.account.articles().length;
    expect(status.counters.articles?.migrated).toBe(articles);
    expect(status.counters.tickets?.migrated).toBeGreaterThan(0);
    expect(status.verification).toMatchObject({ mismatched: 0 });
  }

  it('when the stages are listed, then articles come right before tickets', () => {
    expect(RUN_STAGES.indexOf('articles')).toBe(RUN_STAGES.indexOf('tickets') - 1);
    expect(RUN_STAGES.indexOf('contacts')).toBe(RUN_STAGES.indexOf('articles') - 1);
  });

  it(
    'when a paused run stood at tickets before the upgrade, then it stands at articles after it and, resumed, migrates the help center and its tickets',
    { timeout: 240_000 },
    async () => {
      const { runId } = await runLeftAtTickets();
      await upgrade();
      expect((await getRunStatus(h.db.knex, runId)).stage).toBe('articles');
      await resumeRun(h.db.knex, runId);
      const done = await waitForRun(h.db.knex, runId, { pollMs: 100, signal: AbortSignal.timeout(110_000) });
      await expectEverythingMigrated(done);
    },
  );

  it(
    'when a running run stood at tickets with its job queued, then the upgrade queues its articles stage in place of that job and the run completes with the help center',
    { timeout: 240_000 },
    async () => {
      const { runId, migrationId } = await runLeftAtTickets();
      // Running under the earlier release: its tickets job queued, no worker on it yet.
      await h.stopRunner();
      await h.db.knex('runs').where({ id: runId }).update({ status: 'running', pause_reason: null });
      await enqueueStage(h.db.knex, { id: runId, migration_id: migrationId }, 'tickets');
      await upgrade();
      const jobs = await h.db
        .knex('graphile_worker._private_jobs')
        .where({ key: `run:${runId}` })
        .select<{ payload: { stage: string } }[]>('payload');
      expect(jobs.map((j) => j.payload.stage)).toEqual(['articles']);
      await h.startRunner();
      const done = await waitForRun(h.db.knex, runId, { pollMs: 100, signal: AbortSignal.timeout(110_000) });
      await expectEverythingMigrated(done);
    },
  );

  it('when the upgrade is undone, then a run at articles goes back to tickets', async () => {
    const [run] = await h.db
      .knex('runs')
      .insert({
        migration_id: (await h.db.knex('migrations').first<{ id: string }>('id'))!.id,
        kind: 'full',
        status: 'paused',
        stage: 'articles',
        plan: '{}',
      })
      .returning<{ id: string }[]>('id');
    await down(h.db.knex);
    expect((await h.db.knex('runs').where({ id: run!.id }).first<{ stage: string }>('stage'))!.stage).toBe(
      'tickets',
    );
  });
});
