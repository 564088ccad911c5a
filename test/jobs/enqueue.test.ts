import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/errors.js';
import { defineTask, enqueue, installSchema } from '../../src/jobs/runner/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const importPage = defineTask(
  'test.import-page',
  z.object({ runId: z.string(), page: z.number().int() }),
  async () => {},
);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await installSchema(db.url);
});
afterAll(() => db?.drop());

const countJobs = async (task: string) =>
  Number(
    (
      await db.knex.raw<{ rows: Array<{ n: string }> }>(
        'select count(*) as n from graphile_worker.jobs where task_identifier = ?',
        [task],
      )
    ).rows[0]?.n,
  );

describe('enqueue', () => {
  it('when the payload fails the task schema, then enqueue throws and writes nothing', async () => {
    const bad = { runId: 'r1', page: 'two' } as unknown as { runId: string; page: number };
    await expect(enqueue(db.knex, importPage, bad)).rejects.toThrow(InputError);
    await expect(enqueue(db.knex, 'test.import-page', { runId: 1 })).rejects.toThrow(
      /Payload for task "test.import-page" is invalid/,
    );
    expect(await countJobs('test.import-page')).toBe(0);
  });

  it('when the task name is unknown, then enqueue throws', async () => {
    await expect(enqueue(db.knex, 'test.nope', {})).rejects.toThrow(/No task named "test.nope"/);
  });

  it('when the caller rolls its transaction back, then nothing is enqueued', async () => {
    await expect(
      db.knex.transaction(async (trx) => {
        await enqueue(trx, importPage, { runId: 'rollback', page: 1 });
        throw new Error('the caller changes its mind');
      }),
    ).rejects.toThrow('the caller changes its mind');
    expect(await countJobs('test.import-page')).toBe(0);
  });

  it('when the caller commits, then the job is there with its options', async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    const { id } = await db.knex.transaction((trx) =>
      enqueue(
        trx,
        importPage,
        { runId: 'commit', page: 1 },
        { runAt, priority: 3, maxAttempts: 4, queue: 'run-commit' },
      ),
    );
    const row = (await db.knex.raw('select * from graphile_worker.jobs where id = ?', [id])).rows[0];
    expect(row).toMatchObject({ priority: 3, max_attempts: 4, queue_name: 'run-commit', attempts: 0 });
    expect(new Date(row.run_at).getTime()).toBe(runAt.getTime());
  });

  it('when the same job key is enqueued twice, then one job waits, with the latest payload', async () => {
    const a = await enqueue(db.knex, importPage, { runId: 'dup', page: 1 }, { jobKey: 'dup:page:1' });
    const b = await enqueue(db.knex, importPage, { runId: 'dup', page: 2 }, { jobKey: 'dup:page:1' });
    expect(b.id).toBe(a.id);
    const rows = (await db.knex.raw("select id from graphile_worker.jobs where key = 'dup:page:1'")).rows;
    expect(rows).toHaveLength(1);
    const payload = (
      await db.knex.raw('select payload from graphile_worker._private_jobs where id = ?', [a.id])
    ).rows[0];
    expect(payload.payload).toEqual({ runId: 'dup', page: 2 });
  });

  it('when the payload holds a value JSON cannot carry (a Date where a string is expected), then enqueue rejects it', async () => {
    const when = defineTask('test.when', z.object({ at: z.date() }), async () => {});
    await expect(enqueue(db.knex, when, { at: new Date() })).rejects.toThrow(InputError);
  });
});
