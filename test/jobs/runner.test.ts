import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../../src/errors.js';
import { defineTask, enqueue, enqueueMany } from '../../src/jobs/runner/index.js';
import { sleep, useJobsDatabase, waitFor } from './support.js';

const t =
  useJobsDatabase(`create table done (task text, n int, runner text, at timestamptz default clock_timestamp(),
                           primary key (task, n))`);
afterEach(() => t.stopRunners());
const startRunner = t.startRunner;
const count = t.count;

const jobRow = async (id: string) =>
  (await t.db.knex.raw('select * from graphile_worker.jobs where id = ?', [id])).rows[0] as
    | {
        attempts: number;
        max_attempts: number;
        last_error: string | null;
        locked_by: string | null;
        run_at: Date;
      }
    | undefined;

describe('job runner', () => {
  it('when 1,000 jobs are shared by 4 runners with their own pools, then each completes exactly once', async () => {
    let invocations = 0;
    const record = defineTask('t.record', z.object({ n: z.number().int() }), async () => {});
    // Each runner gets its own handler that stamps the runner's name, to see the work was shared.
    const recordAs = (name: string): typeof record => ({
      ...record,
      handler: async ({ n }) => {
        invocations++;
        await t.db.knex.raw("insert into done (task, n, runner) values ('t.record', ?, ?)", [n, name]);
      },
    });
    const runners = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => startRunner({ tasks: [recordAs(name)] })),
    );
    const items = Array.from({ length: 1000 }, (_, n) => ({
      payload: { n },
      opts: { jobKey: `record:${n}` },
    }));
    const t0 = Date.now();
    await t.db.knex.transaction((trx) => enqueueMany(trx, record, items));
    const enqueueMs = Date.now() - t0;
    await waitFor(
      '1,000 completions',
      async () => (await count('select count(*) as n from done')) >= 1000,
      60_000,
      20,
    );
    await waitFor(
      'an empty queue',
      async () => (await count('select count(*) as n from graphile_worker.jobs')) === 0,
      10_000,
    );
    const totalMs = Date.now() - t0;

    expect(await count("select count(*) as n from done where task = 't.record'")).toBe(1000);
    expect(invocations).toBe(1000);
    expect(runners).toHaveLength(4);
    const perRunner = (
      await t.db.knex.raw('select runner, count(*)::int as n from done group by runner order by runner')
    ).rows;
    expect(perRunner.length).toBeGreaterThan(1);
    console.log(
      `[throughput] 1,000 jobs enqueued in ${enqueueMs} ms (one enqueueMany) to 4 running runners × ` +
        `concurrency 4, all done in ${totalMs} ms (${Math.round(1000 / (totalMs / 1000))} jobs/s); ` +
        `per runner ${JSON.stringify(perRunner)}`,
    );
  });

  it('when a job keeps failing, then retries wait longer each time up to the cap, and it stops at maxAttempts', async () => {
    const at: number[] = [];
    const flaky = defineTask(
      't.flaky',
      z.object({}),
      async () => {
        at.push(Date.now());
        throw new Error('upstream said no');
      },
      { maxAttempts: 5 },
    );
    const { id } = await enqueue(t.db.knex, flaky, {});
    await startRunner({ tasks: [flaky], pollInterval: 25, backoff: { baseMs: 200, capMs: 500, jitter: 0 } });
    await waitFor('5 attempts', async () => at.length >= 5 && (await jobRow(id))?.attempts === 5, 15_000);
    await sleep(800); // long enough for a sixth attempt, were there one
    expect(at).toHaveLength(5);

    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // Planned waits 200, 400, 500 (800 capped), 500 (1600 capped); polling adds up to ~25 ms plus work.
    expect(gaps[0]).toBeGreaterThanOrEqual(190);
    expect(gaps[0]).toBeLessThan(400); // graphile-worker's own first backoff would be e¹ s ≈ 2.7 s
    expect(gaps[1]).toBeGreaterThan(gaps[0]! + 100);
    expect(gaps[2]).toBeGreaterThanOrEqual(490);
    expect(gaps[3]).toBeGreaterThanOrEqual(490);
    expect(gaps[3]).toBeLessThan(800); // the cap holds: uncapped would be 1,600 ms
    const row = await jobRow(id);
    expect(row).toMatchObject({ attempts: 5, max_attempts: 5, locked_by: null });
    expect(row?.last_error).toBe('upstream said no (gave up after 5 attempts)');
  });

  it('when a stored payload no longer matches the task schema, then the job fails for good without running', async () => {
    let ran = 0;
    const strict = defineTask('t.strict', z.object({ runId: z.string() }), async () => void ran++);
    // Written behind enqueue's back, as an older release or a hand-made row might.
    const id = (
      await t.db.knex.raw(`select id::text from graphile_worker.add_job('t.strict', '{"runId": 7}'::json)`)
    ).rows[0].id as string;
    await startRunner({ tasks: [strict] });
    const row = await waitFor(
      'the job to fail for good',
      async () => {
        const r = await jobRow(id);
        return r && r.attempts === r.max_attempts && r.locked_by === null ? r : undefined;
      },
      10_000,
    );
    expect(ran).toBe(0);
    expect(row.attempts).toBe(row.max_attempts);
    expect(row.last_error).toContain('Payload does not match task "t.strict"');
    expect(row.last_error).toContain('runId');
  });

  it('when a handler throws a non-retryable Ferry error, then the job fails at its first attempt', async () => {
    let ran = 0;
    const revoked = defineTask('t.revoked', z.object({}), async () => {
      ran++;
      throw new ConfigurationError('Intercom token revoked', 'intercom');
    });
    const { id } = await enqueue(t.db.knex, revoked, {});
    await startRunner({ tasks: [revoked] });
    const row = await waitFor(
      'the job to fail',
      async () => {
        const r = await jobRow(id);
        return r && r.attempts === r.max_attempts ? r : undefined;
      },
      10_000,
    );
    expect(ran).toBe(1);
    expect(row.last_error).toBe('configuration: Intercom token revoked (not retried)');
  });

  it('when stop() is called while a job runs, then the job finishes first and stop() returns after it', async () => {
    let started = false;
    const slow = defineTask('t.graceful', z.object({ n: z.number() }), async ({ n }) => {
      started = true;
      await sleep(1000);
      await t.db.knex.raw("insert into done (task, n, runner) values ('t.graceful', ?, 'x')", [n]);
    });
    await enqueue(t.db.knex, slow, { n: 1 });
    const runner = await startRunner({ tasks: [slow] });
    await waitFor('the job to start', async () => started, 5_000);
    await runner.stop();
    expect(await count("select count(*) as n from done where task = 't.graceful'")).toBe(1);
    expect(
      await count("select count(*) as n from graphile_worker.jobs where task_identifier = 't.graceful'"),
    ).toBe(0);
    expect(
      await count('select count(*) as n from ferry_runner.runners where runner_id = ?', [runner.workerId]),
    ).toBe(0);
  });

  it('when a job outlives the shutdown grace period and honours its signal, then it is released for another worker', async () => {
    let started = false;
    const endless = defineTask('t.endless', z.object({}), async (_p, { signal }) => {
      started = true;
      await new Promise<void>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    });
    const { id } = await enqueue(t.db.knex, endless, {});
    const runner = await startRunner({ tasks: [endless], shutdownGraceSeconds: 0.2 });
    await waitFor('the job to start', async () => started, 5_000);
    await runner.stop();
    const row = await jobRow(id);
    expect(row).toMatchObject({ attempts: 0, locked_by: null });
    expect(row?.last_error).toMatch(/^interrupted by shutdown/);
    expect(new Date(row!.run_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('when a runner forbids a flag, then it never fetches a job carrying it (attempts stay 0) while it runs the rest, and a runner forbidding nothing runs it', async () => {
    const ran: number[] = [];
    const flagged = defineTask('t.flagged', z.object({ n: z.number() }), async ({ n }) => void ran.push(n));
    const foreign = await enqueue(t.db.knex, flagged, { n: 0 }, { flags: ['m:other'] });
    await enqueueMany(t.db.knex, flagged, [
      { payload: { n: 1 }, opts: { flags: ['m:mine'] } },
      { payload: { n: 2 }, opts: { flags: ['m:mine'] } },
      { payload: { n: 3 } }, // no flags: nothing forbids it
    ]);
    let asked = 0;
    const forbiddenFlags = async () => (asked++, ['m:other']);
    const picky = await startRunner({ tasks: [flagged], forbiddenFlags, concurrency: 1, pollInterval: 25 });
    await waitFor('its own jobs', async () => ran.length >= 3, 10_000);
    await sleep(300); // a dozen more fetches, were the foreign job fetchable
    expect([...ran].sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(asked).toBeGreaterThan(3);
    expect(await jobRow(foreign.id)).toMatchObject({ attempts: 0, locked_by: null, last_error: null });

    await picky.stop();
    await startRunner({ tasks: [flagged] });
    await waitFor('the foreign job', async () => ran.includes(0), 10_000);
    // The task has run; its job row goes when the runner commits the completion, a moment later.
    await waitFor('the foreign job completed', async () => (await jobRow(foreign.id)) === undefined, 10_000);
  });
});
