// Enqueue inside the caller's knex transaction: graphile_worker.add_job runs on the same connection, so
// a rolled-back transaction leaves no job behind and a committed one is visible with its rows.
import type { Knex } from 'knex';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { findTask, type TaskDefinition } from './task.js';

export interface EnqueueOptions {
  /** A duplicate enqueue with the same key updates the waiting job instead of adding another. */
  jobKey?: string;
  /**
   * graphile-worker's key modes: 'replace' (default) updates a waiting job; 'preserve_run_at' keeps its
   * run_at; 'unsafe_dedupe' adds nothing while any job with the key exists, even a running one.
   */
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  runAt?: Date;
  maxAttempts?: number;
  /** Lower runs sooner (default 0). */
  priority?: number;
  /** Jobs in one named queue run one at a time, in order. */
  queue?: string;
  /** Labels a runner can refuse (RunnerOptions.forbiddenFlags), e.g. the migration a job belongs to. */
  flags?: readonly string[];
}

export interface EnqueuedJob {
  id: string;
}

export async function enqueue<S extends z.ZodType>(
  db: Knex | Knex.Transaction,
  task: TaskDefinition<S>,
  payload: z.input<S>,
  opts?: EnqueueOptions,
): Promise<EnqueuedJob>;
export async function enqueue(
  db: Knex | Knex.Transaction,
  task: string,
  payload: unknown,
  opts?: EnqueueOptions,
): Promise<EnqueuedJob>;
export async function enqueue(
  db: Knex | Knex.Transaction,
  taskOrName: TaskDefinition | string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<EnqueuedJob> {
  const task = typeof taskOrName === 'string' ? findTask(taskOrName) : taskOrName;
  if (!task) throw new InputError(`No task named "${String(taskOrName)}" is defined`, 'task');
  const json = JSON.stringify(checkPayload(task, payload));
  const row = await db.raw<{ rows: Array<{ id: string }> }>(
    `select id::text as id from graphile_worker.add_job(
       identifier => ?, payload => ?::json, queue_name => ?, run_at => ?::timestamptz,
       max_attempts => ?, job_key => ?, priority => ?, job_key_mode => ?,
       flags => array(select json_array_elements_text(?::json)))`,
    [
      task.name,
      json,
      opts.queue ?? null,
      opts.runAt?.toISOString() ?? null,
      opts.maxAttempts ?? task.maxAttempts,
      opts.jobKey ?? null,
      opts.priority ?? 0,
      opts.jobKeyMode ?? 'replace',
      // JSON, not a JS array: knex would spread an array binding into a list of values.
      JSON.stringify(opts.flags ?? []),
    ],
  );
  const id = row.rows[0]?.id;
  if (id === undefined) throw new Error(`add_job returned no row for task "${task.name}"`);
  return { id };
}

export interface EnqueueItem<P> {
  payload: P;
  opts?: Omit<EnqueueOptions, 'jobKeyMode'>;
}

/**
 * Many jobs of one task in one statement (graphile_worker.add_jobs), e.g. a planner enqueueing every
 * page of a run: several times faster than one add_job each. Every payload is checked first, so one
 * bad payload means nothing is written. A key repeated within the batch is refused; a key already
 * waiting in the queue is replaced, as with enqueue.
 */
export async function enqueueMany<S extends z.ZodType>(
  db: Knex | Knex.Transaction,
  task: TaskDefinition<S>,
  items: ReadonlyArray<EnqueueItem<z.input<S>>>,
): Promise<EnqueuedJob[]> {
  const keys = items.map((i) => i.opts?.jobKey).filter((k) => k !== undefined);
  if (new Set(keys).size !== keys.length) {
    throw new InputError(`Job keys repeat within one enqueueMany batch of task "${task.name}"`, 'jobKey');
  }
  const specs = items.map(({ payload, opts = {} }) => ({
    identifier: task.name,
    payload: checkPayload(task, payload),
    queue_name: opts.queue ?? null,
    run_at: opts.runAt?.toISOString() ?? null,
    max_attempts: opts.maxAttempts ?? task.maxAttempts,
    job_key: opts.jobKey ?? null,
    priority: opts.priority ?? 0,
    flags: opts.flags ?? null,
  }));
  if (specs.length === 0) return [];
  const result = await db.raw<{ rows: EnqueuedJob[] }>(
    `select id::text as id from graphile_worker.add_jobs(array(
       select spec from json_populate_recordset(null::graphile_worker.job_spec, ?::json) as spec))`,
    [JSON.stringify(specs)],
  );
  return result.rows;
}

/**
 * Checks the payload exactly as the worker will see it (after a JSON round trip, so a Date or a
 * `undefined` that JSON cannot carry fails here, not at run time) and returns that JSON value.
 */
function checkPayload(task: TaskDefinition, payload: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(payload ?? null));
  const parsed = task.schema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      `Payload for task "${task.name}" is invalid: ${z.prettifyError(parsed.error)}`,
      'payload',
    );
  }
  return json;
}
