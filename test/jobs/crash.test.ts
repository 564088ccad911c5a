// A worker process killed with SIGKILL mid-job: with the runner's default lease settings (30 s stale
// threshold), another runner must complete the job within 60 s.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createRunner,
  defineTask,
  enqueue,
  installSchema,
  type JobRunner,
} from '../../src/jobs/runner/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { exitOf, spawnChildRunner } from './child.js';
import { testLogger, waitFor } from './support.js';

let db: TestDatabase;
let child: ChildProcess | undefined;
let rescuer: JobRunner | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  await installSchema(db.url);
  await db.knex.raw('create table started (n int, pid int, at timestamptz default clock_timestamp())');
  await db.knex.raw(
    'create table done (n int primary key, runner text, at timestamptz default clock_timestamp())',
  );
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await rescuer?.stop();
  await db?.drop();
});

describe('crash recovery', () => {
  it('when a worker process is killed with SIGKILL mid-job, then another runner completes the job within 60 s', async () => {
    const slow = defineTask('crash.slow', z.object({ n: z.number() }), async ({ n }) => {
      await db.knex.raw('insert into done (n) values (?)', [n]);
    });
    child = await spawnChildRunner(db.url);
    await enqueue(db.knex, slow, { n: 1 });
    const started = await waitFor(
      'the child to start the job',
      async () => {
        const rows = (await db.knex.raw('select pid from started where n = 1')).rows;
        return rows[0] as { pid: number } | undefined;
      },
      15_000,
    );
    expect(started.pid).toBe(child.pid);

    // The rescuer runs with the defaults (heartbeat 5 s, stale after 30 s) and is up before the crash:
    // while the child lives, it must leave the job alone.
    rescuer = createRunner({ databaseUrl: db.url, logger: testLogger(), concurrency: 2, tasks: [slow] });
    await rescuer.start();
    child.kill('SIGKILL');
    await exitOf(child);
    const killedAt = Date.now();

    await waitFor(
      'the job to be completed by the rescuer',
      async () => {
        return (await db.knex.raw('select 1 from done where n = 1')).rows.length > 0;
      },
      60_000,
      200,
    );
    const recoveredInMs = Date.now() - killedAt;
    console.log(`[crash] job completed by another runner ${recoveredInMs} ms after SIGKILL`);
    expect(recoveredInMs).toBeLessThan(60_000);
    expect((await db.knex.raw('select count(*)::int as n from started')).rows[0].n).toBe(1);
    expect((await db.knex.raw('select count(*)::int as n from graphile_worker.jobs')).rows[0].n).toBe(0);
  }, 90_000);
});
