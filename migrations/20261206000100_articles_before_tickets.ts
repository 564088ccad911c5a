// The articles stage now runs before the tickets stage (so links in ticket comments can lead to the
// migrated articles). A run not yet ended that stands at 'tickets' under the earlier order has not run its
// articles stage: it goes back to 'articles', and its tickets stage resumes afterwards from its checkpoints
// (the ledger makes it idempotent). A running run's queued stage job is replaced under the same job key
// (graphile-worker's add_job, mode 'replace': a job locked by a worker keeps running, without its key), so
// the worker that takes it finds the stage it names. down() moves such runs the other way.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

const UNFINISHED = ['planned', 'running', 'paused'];

async function moveRuns(knex: Knex, from: string, to: string): Promise<void> {
  const moved = await knex('runs')
    .where({ stage: from })
    .whereIn('status', UNFINISHED)
    .update({ stage: to, updated_at: knex.fn.now() })
    .returning<{ id: string; migration_id: string; status: string }[]>(['id', 'migration_id', 'status']);
  const running = moved.filter((r) => r.status === 'running');
  if (running.length === 0) return;
  // The job runner's schema is installed after the knex migrations on a new database: no runs then.
  const schema = await knex.raw<{ rows: unknown[] }>(
    `select 1 from pg_namespace where nspname = 'graphile_worker'`,
  );
  if (schema.rows.length === 0) return;
  for (const run of running)
    await knex.raw(
      `select graphile_worker.add_job(
         identifier => 'run.stage', payload => ?::json, max_attempts => 25, job_key => ?,
         job_key_mode => 'replace', flags => array[?::text])`,
      [JSON.stringify({ runId: run.id, stage: to }), `run:${run.id}`, `migration:${run.migration_id}`],
    );
}

export async function up(knex: Knex): Promise<void> {
  await moveRuns(knex, 'tickets', 'articles');
}

export async function down(knex: Knex): Promise<void> {
  await moveRuns(knex, 'articles', 'tickets');
}
