// installSchema: graphile-worker's own migrations (its graphile_worker schema) plus the runner's lease
// table. Safe to run from many processes at once: graphile-worker detects concurrent migrations, and
// our DDL runs under an advisory lock.
import { runMigrations } from 'graphile-worker';
import { pino } from 'pino';
import type { Logger } from '../../logger.js';
import { openPool, type DatabaseTarget } from './pool.js';
import { toWorkerLogger } from './log-adapter.js';

// One row per runner process: its graphile worker ids and the last time it proved it was alive.
const LEASE_DDL = `
  create schema if not exists ferry_runner;
  create table if not exists ferry_runner.runners (
    runner_id text primary key,
    worker_ids text[] not null default '{}',
    host text not null,
    pid integer not null,
    started_at timestamptz not null default now(),
    heartbeat_at timestamptz not null default now()
  );`;

export async function installSchema(
  db: DatabaseTarget,
  logger: Logger = pino({ level: 'silent' }),
): Promise<void> {
  const { pool, release } = openPool(db, logger, 2);
  try {
    await runMigrations({ pgPool: pool, logger: toWorkerLogger(logger) });
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query("select pg_advisory_xact_lock(hashtext('ferry_runner.schema'))");
      await client.query(LEASE_DDL);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  } finally {
    await release();
  }
}
