// run.stage jobs carry their migration's flag ('migration:<id>') from this release on, so a `ferry migrate`
// worker can refuse other migrations' jobs (forbiddenFlags). Jobs queued before have none: flag them from
// their run. The job queue is graphile-worker's (0.16, pinned); a new database has none yet.
// Migrations import nothing from src/: the flag's shape is spelled here as in jobs/tasks/run-stage.ts.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  const queue = await knex.raw<{ rows: Array<{ t: string | null }> }>(
    "select to_regclass('graphile_worker._private_jobs')::text as t",
  );
  if (!queue.rows[0]?.t) return;
  await knex.raw(`
    update graphile_worker._private_jobs as jobs
    set flags = coalesce(jobs.flags, '{}'::jsonb) || jsonb_build_object('migration:' || runs.migration_id, true)
    from graphile_worker._private_tasks as tasks, runs
    where tasks.id = jobs.task_id and tasks.identifier = 'run.stage'
      and runs.id::text = jobs.payload->>'runId'`);
}

// Flags only steer which worker fetches a job; an older release ignores them.
export async function down(): Promise<void> {}
