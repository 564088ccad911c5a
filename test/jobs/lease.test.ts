// A job that runs longer than the stale threshold, on a worker that is alive, is never run twice: its
// runner keeps heartbeating, so the other runner's sweeper leaves it alone.
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
import { sleep, testLogger, waitFor } from './support.js';

let db: TestDatabase;
const runners: JobRunner[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await installSchema(db.url);
});
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await db?.drop();
});

describe('leases', () => {
  it('when a live worker runs a job for longer than the stale threshold, then no other runner runs it again', async () => {
    let runs = 0;
    let finished = 0;
    const long = defineTask('lease.long', z.object({}), async () => {
      runs++;
      await sleep(5000); // 2.5 × the stale threshold below
      finished++;
    });
    // Short lease settings so the test is quick: beat every 0.5 s, stale after 2 s, sweep every ~0.7 s.
    const settings = { heartbeatSeconds: 0.5, staleAfterSeconds: 2, pollInterval: 100, concurrency: 2 };
    for (let i = 0; i < 2; i++) {
      const r = createRunner({ databaseUrl: db.url, logger: testLogger(), tasks: [long], ...settings });
      runners.push(r);
      await r.start();
    }
    const { id } = await enqueue(db.knex, long, {});
    await waitFor('the job to finish', async () => finished >= 1, 15_000);
    await sleep(1000);
    expect(runs).toBe(1);
    expect(finished).toBe(1);
    expect(
      (await db.knex.raw('select count(*)::int as n from graphile_worker.jobs where id = ?', [id])).rows[0].n,
    ).toBe(0);
  });
});
