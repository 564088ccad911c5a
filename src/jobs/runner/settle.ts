// Settles a failed job on the runner's terms while this worker still holds its lock, in one statement:
// next run time from our backoff, attempts (kept, set to max for a permanent failure, or given back when
// shutdown interrupted the job), the error, and the job's and its queue's locks released. The handler
// wrapper then throws JobSettledError, and graphile-worker's own failJob (which matches on locked_by)
// changes nothing. Relies on graphile-worker 0.16's tables, as its own failJob does (pinned version).
import type pg from 'pg';

export class JobSettledError extends Error {
  override readonly name = 'JobSettledError';
}

export type Settlement =
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'fail'; error: string }
  | { kind: 'release'; error: string };

const SETTLE_SQL = `
  with j as (
    update graphile_worker._private_jobs as jobs
    set last_error = $3::text,
        run_at = now() + $4::double precision * interval '1 millisecond',
        attempts = case $5::text
          when 'fail' then jobs.max_attempts
          when 'release' then greatest(jobs.attempts - 1, 0)
          else jobs.attempts end,
        locked_by = null,
        locked_at = null,
        updated_at = now()
    where jobs.id = $1::bigint and jobs.locked_by = $2::text
    returning jobs.job_queue_id
  ), q as (
    update graphile_worker._private_job_queues as job_queues
    set locked_by = null, locked_at = null
    from j
    where job_queues.id = j.job_queue_id and job_queues.locked_by = $2::text
  )
  select count(*)::int as settled from j`;

/** Returns false when this worker no longer held the job (its lease was swept). */
export async function settleJob(
  pool: pg.Pool,
  jobId: string,
  workerId: string,
  s: Settlement,
): Promise<boolean> {
  const delayMs = s.kind === 'retry' ? s.delayMs : 0;
  const { rows } = await pool.query<{ settled: number }>(SETTLE_SQL, [
    jobId,
    workerId,
    s.error,
    delayMs,
    s.kind,
  ]);
  return (rows[0]?.settled ?? 0) > 0;
}
