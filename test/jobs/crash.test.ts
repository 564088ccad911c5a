// A worker process killed with SIGKILL mid-job: with the runner's default lease settings (30 s stale
// threshold), another runner must complete the job within 60 s.
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, enqueue } from '../../src/jobs/runner/index.js';
import { exitOf, killChildren, spawnChildRunner } from './child.js';
import { useJobsDatabase, waitFor } from './support.js';

const t = useJobsDatabase(
  'create table started (n int, pid int, at timestamptz default clock_timestamp())',
  'create table done (n int primary key, runner text, at timestamptz default clock_timestamp())',
);
afterAll(killChildren);

describe('crash recovery', () => {
  it('when a worker process is killed with SIGKILL mid-job, then another runner completes the job within 60 s', async () => {
    const slow = defineTask('crash.slow', z.object({ n: z.number() }), async ({ n }) => {
      await t.db.knex.raw('insert into done (n) values (?)', [n]);
    });
    const child = await spawnChildRunner(t.db.url);
    await enqueue(t.db.knex, slow, { n: 1 });
    const startedBy = await waitFor(
      'the child to start the job',
      async () =>
        (await t.db.knex.raw('select pid from started where n = 1')).rows[0]?.pid as number | undefined,
      15_000,
    );
    expect(startedBy).toBe(child.pid);

    // The rescuer runs with the defaults (heartbeat 5 s, stale after 30 s, poll 2 s) and is up before
    // the crash: while the child lives, it must leave the job alone.
    await t.startRunner({ tasks: [slow], concurrency: 2, pollInterval: undefined });
    child.kill('SIGKILL');
    await exitOf(child);
    const killedAt = Date.now();

    await waitFor(
      'the rescuer to complete the job',
      async () => (await t.count('select count(*) as n from done')) > 0,
      60_000,
      200,
    );
    const recoveredInMs = Date.now() - killedAt;
    console.log(`[crash] job completed by another runner ${recoveredInMs} ms after SIGKILL`);
    expect(recoveredInMs).toBeLessThan(60_000);
    expect(await t.count('select count(*) as n from started')).toBe(1);
    expect(await t.count('select count(*) as n from graphile_worker.jobs')).toBe(0);
  }, 90_000);
});
