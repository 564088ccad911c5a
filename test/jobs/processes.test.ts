// The 1,000-job test again with real processes: four `ferry worker`-like Node processes share one
// database, each job completes exactly once, and SIGTERM stops each process gracefully.
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, enqueueMany } from '../../src/jobs/runner/index.js';
import { exitOf, killChildren, spawnChildRunner } from './child.js';
import { useJobsDatabase, waitFor } from './support.js';

const t = useJobsDatabase(
  'create table done (n int primary key, runner text, at timestamptz default clock_timestamp())',
);
afterAll(killChildren);

describe('worker processes', () => {
  it('when 1,000 jobs are shared by 4 worker processes, then each completes exactly once and SIGTERM stops them cleanly', async () => {
    const record = defineTask('proc.record', z.object({ n: z.number().int() }), async () => {});
    const children = await Promise.all([1, 2, 3, 4].map(() => spawnChildRunner(t.db.url, 4)));

    const t0 = Date.now();
    // Enqueued while the workers run, in ten batches of 100.
    for (let batch = 0; batch < 10; batch++) {
      const items = Array.from({ length: 100 }, (_, i) => batch * 100 + i).map((n) => ({
        payload: { n },
        opts: { jobKey: `p:${n}` },
      }));
      await enqueueMany(t.db.knex, record, items);
    }
    await waitFor(
      '1,000 completions',
      async () => (await t.count('select count(*) as n from done')) >= 1000,
      60_000,
      20,
    );
    const ms = Date.now() - t0;
    await waitFor(
      'an empty queue',
      async () => (await t.count('select count(*) as n from graphile_worker.jobs')) === 0,
      10_000,
    );

    expect(await t.count('select count(*) as n from done')).toBe(1000);
    expect(await t.count('select count(distinct runner) as n from done')).toBeGreaterThan(1);
    console.log(
      `[throughput] 1,000 jobs enqueued while 4 processes × concurrency 4 ran: ${ms} ms (${Math.round(1000 / (ms / 1000))} jobs/s)`,
    );

    for (const c of children) c.kill('SIGTERM');
    expect(await Promise.all(children.map(exitOf))).toEqual([0, 0, 0, 0]);
    expect(await t.count('select count(*) as n from ferry_runner.runners')).toBe(0);
  }, 80_000);
});
