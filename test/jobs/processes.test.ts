// The 1,000-job test again with real processes: four `ferry worker`-like Node processes share one
// database, each job completes exactly once, and SIGTERM stops each process gracefully.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, enqueue, installSchema } from '../../src/jobs/runner/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { exitOf, spawnChildRunner } from './child.js';
import { waitFor } from './support.js';

let db: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await installSchema(db.url);
  await db.knex.raw(
    'create table done (n int primary key, runner text, at timestamptz default clock_timestamp())',
  );
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await db?.drop();
});

const count = async (sql: string) => Number((await db.knex.raw(sql)).rows[0].n);

describe('worker processes', () => {
  it('when 1,000 jobs are shared by 4 worker processes, then each completes exactly once and SIGTERM stops them cleanly', async () => {
    const record = defineTask('proc.record', z.object({ n: z.number().int() }), async () => {});
    children.push(...(await Promise.all([1, 2, 3, 4].map(() => spawnChildRunner(db.url, 4)))));

    const t0 = Date.now();
    // Enqueued while the workers run, in batches of 100 per transaction.
    for (let batch = 0; batch < 10; batch++) {
      await db.knex.transaction(async (trx) => {
        for (let n = batch * 100; n < (batch + 1) * 100; n++)
          await enqueue(trx, record, { n }, { jobKey: `p:${n}` });
      });
    }
    await waitFor(
      '1,000 completions',
      async () => (await count('select count(*) as n from done')) >= 1000,
      60_000,
      20,
    );
    const ms = Date.now() - t0;
    await waitFor(
      'an empty queue',
      async () => (await count('select count(*) as n from graphile_worker.jobs')) === 0,
      10_000,
    );

    expect(await count('select count(*) as n from done')).toBe(1000);
    expect(await count('select count(distinct runner) as n from done')).toBeGreaterThan(1);
    console.log(
      `[throughput] 1,000 jobs enqueued while 4 processes × concurrency 4 ran: done in ${ms} ms (${Math.round(1000 / (ms / 1000))} jobs/s)`,
    );

    for (const c of children) c.kill('SIGTERM');
    expect(await Promise.all(children.map(exitOf))).toEqual([0, 0, 0, 0]);
    expect(await count('select count(*) as n from ferry_runner.runners')).toBe(0);
  }, 80_000);
});
