// `ferry migrate` runs one migration's jobs in its own process, on the queue the server's workers share: it
// must never fetch another migration's run.stage job (each would come back with an attempt counted, and the
// other run fail after 25), while the server's workers keep running every job.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRun, waitForRun } from '../../src/app/runs.js';
import { migrationFlag, otherMigrationsFlags } from '../../src/jobs/tasks/run-stage.js';
import { sleep } from '../jobs/support.js';
import { startEngineHarness, type EngineHarness } from './harness.js';

interface JobRow {
  attempts: number;
  locked_by: string | null;
  flags: Record<string, boolean> | null;
}

describe('run jobs of other migrations on a shared queue', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20 });
  });
  afterEach(() => h.stopRunner());
  afterAll(async () => h?.close());

  const runJob = async (runId: string) =>
    (
      await h.db.knex.raw<{ rows: JobRow[] }>(
        'select attempts, locked_by, flags from graphile_worker._private_jobs where key = ?',
        [`run:${runId}`],
      )
    ).rows[0];
  const finish = async (runId: string) =>
    waitForRun(h.db.knex, runId, { pollMs: 100, signal: AbortSignal.timeout(60_000) });

  it(
    "when two migrations' runs are queued, then ferry migrate's runner (forbidding other migrations' flags) runs its own to the end and never fetches the other's job (attempts stay 0), and a server runner then runs the other",
    { timeout: 120_000 },
    async () => {
      const mine = await h.newMigration();
      const theirs = await h.newMigration();
      const theirRun = await startRun(h.db.knex, theirs, 'demo');
      const myRun = await startRun(h.db.knex, mine, 'demo');
      expect((await runJob(theirRun))?.flags).toEqual({ [migrationFlag(theirs)]: true });

      await h.startRunner({ forbiddenFlags: otherMigrationsFlags(h.db.knex, mine) });
      const myStatus = await finish(myRun);
      expect(myStatus.status).toBe('completed');
      await sleep(500); // five more polls, were their job fetchable
      expect(await runJob(theirRun)).toMatchObject({ attempts: 0, locked_by: null });
      expect(await h.db.knex('runs').where({ id: theirRun }).first('status', 'stage', 'last_error')).toEqual({
        status: 'running',
        stage: 'plan',
        last_error: null,
      });

      await h.stopRunner();
      await h.startRunner();
      const theirStatus = await finish(theirRun);
      expect(theirStatus.lastError).toBeNull();
      expect(theirStatus.status).toBe('completed');
    },
  );

  it(
    'when a run.stage job carries no flag, then a server runner (forbidding nothing) runs it all the same',
    { timeout: 120_000 },
    async () => {
      const migration = await h.newMigration();
      const runId = await startRun(h.db.knex, migration, 'demo');
      const unflag = () =>
        h.db.knex.raw('update graphile_worker._private_jobs set flags = null where key = ?', [
          `run:${runId}`,
        ]);
      await unflag();
      expect((await runJob(runId))?.flags).toBeNull();
      await h.startRunner();
      const status = await finish(runId);
      expect(status.lastError).toBeNull();
      expect(status.status).toBe('completed');
    },
  );
});
