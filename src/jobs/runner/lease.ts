// Leases: how a job held by a crashed worker is picked up again within a minute, while a long job that
// is still alive is never run twice. graphile-worker only frees locks older than 4 hours, so every runner
// process writes a heartbeat row listing its graphile worker ids every few seconds, and every runner
// sweeps: a lock whose holder has not beaten for staleAfter is force-unlocked (forceUnlockWorkers) and
// the job runs again elsewhere. A live runner keeps beating while its jobs run, however long they take.
// All times are the database's clock, so machines with skewed clocks agree.
import os from 'node:os';
import type pg from 'pg';
import type { Logger } from '../../logger.js';

export interface LeaseOptions {
  pool: pg.Pool;
  runnerId: string;
  logger: Logger;
  heartbeatMs: number;
  staleAfterMs: number;
  sweepMs: number;
  /** Called when this runner finds it can no longer prove it is alive (its jobs may run elsewhere). */
  onLeaseLost: () => void;
}

export interface Lease {
  addWorker(workerId: string): void;
  stop(): Promise<void>;
}

const BEAT_SQL = `
  update ferry_runner.runners set heartbeat_at = now(), worker_ids = $2::text[] where runner_id = $1`;
const REGISTER_SQL = `
  insert into ferry_runner.runners (runner_id, worker_ids, host, pid) values ($1, $2::text[], $3, $4)
  on conflict (runner_id) do update set heartbeat_at = now(), worker_ids = excluded.worker_ids`;

// Holders of locks older than the threshold that no fresh heartbeat row vouches for (a runner that
// died before its first beat is covered too: its worker ids are in no row at all).
const DEAD_HOLDERS_SQL = `
  with held as (
    select locked_by from graphile_worker._private_jobs
    where locked_at < now() - $1::double precision * interval '1 millisecond'
    union
    select locked_by from graphile_worker._private_job_queues
    where locked_at < now() - $1::double precision * interval '1 millisecond'
  )
  select held.locked_by as worker_id from held
  where held.locked_by is not null and not exists (
    select 1 from ferry_runner.runners r
    where held.locked_by = any(r.worker_ids)
      and r.heartbeat_at >= now() - $1::double precision * interval '1 millisecond')`;

export async function startLease(opts: LeaseOptions): Promise<Lease> {
  const { pool, runnerId, logger } = opts;
  const workerIds = new Set<string>();
  let lastBeatOk = Date.now();
  let leaseLost = false;
  let stopped = false;
  let beating: Promise<void> = Promise.resolve();

  const register = () => pool.query(REGISTER_SQL, [runnerId, [...workerIds], os.hostname(), process.pid]);

  const loseLease = (why: string) => {
    if (leaseLost) return;
    leaseLost = true;
    logger.error({ runnerId }, `job runner lost its lease (${why}): in-flight jobs are aborted`);
    opts.onLeaseLost();
  };

  const beat = async () => {
    try {
      const res = await pool.query(BEAT_SQL, [runnerId, [...workerIds]]);
      if (res.rowCount === 0) {
        // Another runner swept us as dead: our jobs may already run elsewhere (including any started
        // since an earlier loss during the outage). Start a fresh lease.
        leaseLost = false;
        loseLease('swept as stale by another runner');
        await register();
      }
      lastBeatOk = Date.now();
      leaseLost = false;
    } catch (err) {
      logger.warn({ err }, 'job runner heartbeat failed');
      if (Date.now() - lastBeatOk > opts.staleAfterMs) loseLease('no heartbeat written for too long');
    }
  };
  const beatNow = () => {
    beating = beating.then(beat);
    return beating;
  };

  const sweep = async () => {
    try {
      const { rows } = await pool.query<{ worker_id: string }>(DEAD_HOLDERS_SQL, [opts.staleAfterMs]);
      const dead = rows.map((r) => r.worker_id);
      if (dead.length > 0) {
        await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [dead]);
        logger.warn(
          { workerIds: dead },
          'job runner released jobs held by workers that stopped heartbeating',
        );
      }
      // Rows of runners that died (idle or not) go too; a runner that was only slow re-registers.
      await pool.query(
        `delete from ferry_runner.runners
         where heartbeat_at < now() - $1::double precision * interval '1 millisecond'`,
        [opts.staleAfterMs],
      );
    } catch (err) {
      logger.warn({ err }, 'job runner sweep failed');
    }
  };

  await register();
  const beatTimer = setInterval(() => void beatNow(), opts.heartbeatMs);
  // Sweeps are spread out so many runners do not all scan at the same moment.
  let sweepTimer: NodeJS.Timeout;
  let sweeping: Promise<void> = Promise.resolve();
  const scheduleSweep = () => {
    sweepTimer = setTimeout(
      () => {
        sweeping = sweep().finally(() => stopped || scheduleSweep());
      },
      opts.sweepMs * (0.5 + Math.random()),
    );
  };
  scheduleSweep();

  return {
    addWorker(workerId) {
      workerIds.add(workerId);
      void beatNow();
    },
    async stop() {
      stopped = true;
      clearInterval(beatTimer);
      clearTimeout(sweepTimer);
      await Promise.all([beating, sweeping]);
      await pool
        .query('delete from ferry_runner.runners where runner_id = $1', [runnerId])
        .catch((err: unknown) => {
          logger.warn({ err }, 'job runner could not remove its heartbeat row');
        });
    },
  };
}
