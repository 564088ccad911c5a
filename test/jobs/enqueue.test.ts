import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/errors.js';
import { defineTask, enqueue, enqueueMany } from '../../src/jobs/runner/index.js';
import { useJobsDatabase } from './support.js';

const importPage = defineTask(
  'test.import-page',
  z.object({ runId: z.string(), page: z.number().int() }),
  async () => {},
);

const t = useJobsDatabase();

const countJobs = (task: string, keyLike = '%') =>
  t.count(
    "select count(*) as n from graphile_worker.jobs where task_identifier = ? and coalesce(key, '') like ?",
    [task, keyLike],
  );

describe('enqueue', () => {
  it('when the payload fails the task schema, then enqueue throws and writes nothing', async () => {
    const bad = { runId: 'r1', page: 'two' } as unknown as { runId: string; page: number };
    await expect(enqueue(t.db.knex, importPage, bad)).rejects.toThrow(InputError);
    await expect(enqueue(t.db.knex, 'test.import-page', { runId: 1 })).rejects.toThrow(
      /Payload for task "test.import-page" is invalid/,
    );
    expect(await countJobs('test.import-page')).toBe(0);
  });

  it('when the task name is unknown, then enqueue throws', async () => {
    await expect(enqueue(t.db.knex, 'test.nope', {})).rejects.toThrow(/No task named "test.nope"/);
  });

  it('when the caller rolls its transaction back, then nothing is enqueued', async () => {
    await expect(
      t.db.knex.transaction(async (trx) => {
        await enqueue(trx, importPage, { runId: 'rollback', page: 1 });
        throw new Error('the caller changes its mind');
      }),
    ).rejects.toThrow('the caller changes its mind');
    expect(await countJobs('test.import-page')).toBe(0);
  });

  it('when the caller commits, then the job is there with its options', async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    const { id } = await t.db.knex.transaction((trx) =>
      enqueue(
        trx,
        importPage,
        { runId: 'commit', page: 1 },
        { runAt, priority: 3, maxAttempts: 4, queue: 'run-commit' },
      ),
    );
    const row = (await t.db.knex.raw('select * from graphile_worker.jobs where id = ?', [id])).rows[0];
    expect(row).toMatchObject({ priority: 3, max_attempts: 4, queue_name: 'run-commit', attempts: 0 });
    expect(new Date(row.run_at).getTime()).toBe(runAt.getTime());
  });

  it('when the same job key is enqueued twice, then one job waits, with the latest payload', async () => {
    const a = await enqueue(t.db.knex, importPage, { runId: 'dup', page: 1 }, { jobKey: 'dup:page:1' });
    const b = await enqueue(t.db.knex, importPage, { runId: 'dup', page: 2 }, { jobKey: 'dup:page:1' });
    expect(b.id).toBe(a.id);
    const rows = (await t.db.knex.raw("select id from graphile_worker.jobs where key = 'dup:page:1'")).rows;
    expect(rows).toHaveLength(1);
    const payload = (
      await t.db.knex.raw('select payload from graphile_worker._private_jobs where id = ?', [a.id])
    ).rows[0];
    expect(payload.payload).toEqual({ runId: 'dup', page: 2 });
  });

  it('when the payload holds a value JSON cannot carry (a Date where a string is expected), then enqueue rejects it', async () => {
    const when = defineTask('test.when', z.object({ at: z.date() }), async () => {});
    await expect(enqueue(t.db.knex, when, { at: new Date() })).rejects.toThrow(InputError);
  });

  it('when many jobs are enqueued in one batch, then all are written in one statement, or none if one payload is bad', async () => {
    const pages = Array.from({ length: 500 }, (_, page) => ({
      payload: { runId: 'batch', page },
      opts: { jobKey: `batch:${page}` },
    }));
    const bad = [...pages.slice(0, 10), { payload: { runId: 'batch', page: 1.5 } }];
    await expect(enqueueMany(t.db.knex, importPage, bad)).rejects.toThrow(InputError);
    expect(await countJobs('test.import-page', 'batch:%')).toBe(0);

    const jobs = await t.db.knex.transaction((trx) => enqueueMany(trx, importPage, pages));
    expect(jobs).toHaveLength(500);
    expect(await countJobs('test.import-page', 'batch:%')).toBe(500);
    const again = await enqueueMany(t.db.knex, importPage, pages.slice(0, 5));
    expect(again.map((j) => j.id)).toEqual(jobs.slice(0, 5).map((j) => j.id));
    expect(await countJobs('test.import-page', 'batch:%')).toBe(500);
  });

  it('when jobs are enqueued with flags, then each job carries its flags (one at a time and in a batch)', async () => {
    const flagsOf = async (id: string) =>
      (await t.db.knex.raw('select flags from graphile_worker._private_jobs where id = ?', [id])).rows[0]
        ?.flags as Record<string, boolean> | null;
    const one = await enqueue(t.db.knex, importPage, { runId: 'f', page: 1 }, { flags: ['a', 'b:c'] });
    const none = await enqueue(t.db.knex, importPage, { runId: 'f', page: 2 });
    const [many] = await enqueueMany(t.db.knex, importPage, [
      { payload: { runId: 'f', page: 3 }, opts: { flags: ['d'] } },
    ]);
    expect(await flagsOf(one.id)).toEqual({ a: true, 'b:c': true });
    expect(await flagsOf(none.id)).toBeNull();
    expect(await flagsOf(many!.id)).toEqual({ d: true });
  });

  it('when a batch repeats a job key, then enqueueMany refuses it', async () => {
    const twice = [1, 2].map((page) => ({ payload: { runId: 'r', page }, opts: { jobKey: 'same' } }));
    await expect(enqueueMany(t.db.knex, importPage, twice)).rejects.toThrow(/Job keys repeat/);
  });
});
