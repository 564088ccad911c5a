// Small helpers shared by the job runner's tests.
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import {
  createRunner,
  installSchema,
  type JobRunner,
  type RunnerOptions,
} from '../../src/jobs/runner/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** Silent unless TEST_LOG_LEVEL is set (e.g. TEST_LOG_LEVEL=debug while investigating). */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }, pino.destination(2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Registers the hooks every database-backed runner test needs: a fresh database with the runner's
 * schema and the given tables, runners that start with test-friendly settings, and cleanup.
 */
export function useJobsDatabase(...ddl: string[]) {
  const runners: JobRunner[] = [];
  let db: TestDatabase | undefined;
  const ctx = {
    get db(): TestDatabase {
      if (!db) throw new Error('the test database is not ready yet');
      return db;
    },
    async startRunner(opts: Partial<RunnerOptions> & Pick<RunnerOptions, 'tasks'>): Promise<JobRunner> {
      const runner = createRunner({
        databaseUrl: ctx.db.url,
        logger: testLogger(),
        concurrency: 4,
        pollInterval: 100,
        ...opts,
      });
      runners.push(runner);
      await runner.start();
      return runner;
    },
    stopRunners: () => Promise.all(runners.splice(0).map((r) => r.stop())),
    count: async (sql: string, bindings: readonly string[] = []) =>
      Number((await ctx.db.knex.raw<{ rows: Array<{ n: string }> }>(sql, bindings)).rows[0]?.n),
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    await installSchema(db.url);
    for (const statement of ddl) await db.knex.raw(statement);
  });
  afterAll(async () => {
    await ctx.stopRunners();
    await db?.drop();
  });
  return ctx;
}
