// A job that runs longer than the stale threshold, on a worker that is alive, is never run twice: its
// runner keeps heartbeating, so the other runner's sweeper leaves it alone.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, enqueue } from '../../src/jobs/runner/index.js';
import { sleep, useJobsDatabase, waitFor } from './support.js';

const t = useJobsDatabase();

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
    await t.startRunner({ tasks: [long], ...settings });
    await t.startRunner({ tasks: [long], ...settings });
    const { id } = await enqueue(t.db.knex, long, {});
    await waitFor('the job to finish', async () => finished >= 1, 15_000);
    await sleep(1000);
    expect(runs).toBe(1);
    expect(finished).toBe(1);
    expect(await t.count('select count(*) as n from graphile_worker.jobs where id = ?', [id])).toBe(0);
  });

  it('when another runner has swept this runner as dead, then its in-flight job is told through its signal', async () => {
    let reason: unknown;
    const watchful = defineTask('lease.watchful', z.object({}), async (_p, { signal }) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      reason = signal.reason;
    });
    const runner = await t.startRunner({ tasks: [watchful], heartbeatSeconds: 0.2, staleAfterSeconds: 30 });
    await enqueue(t.db.knex, watchful, {});
    await waitFor(
      'the job to be held',
      async () =>
        (await t.count('select count(*) as n from graphile_worker.jobs where locked_by is not null')) === 1,
      5_000,
    );
    // What a sweeper does to a runner it believes dead: its row goes (and its locks with it).
    await t.db.knex.raw('delete from ferry_runner.runners where runner_id = ?', [runner.workerId]);
    await waitFor('the handler to see the abort', async () => reason !== undefined, 5_000);
    expect(String(reason)).toContain('lost its lease');
  });
});
