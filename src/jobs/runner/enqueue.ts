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
  const json = checkPayload(task, payload);
  const row = await db.raw<{ rows: Array<{ id: string }> }>(
    `select id::text as id from graphile_worker.add_job(
       identifier => ?, payload => ?::json, queue_name => ?, run_at => ?::timestamptz,
       max_attempts => ?, job_key => ?, priority => ?, job_key_mode => ?)`,
    [
      task.name,
      json,
      opts.queue ?? null,
      opts.runAt?.toISOString() ?? null,
      opts.maxAttempts ?? task.maxAttempts,
      opts.jobKey ?? null,
      opts.priority ?? 0,
      opts.jobKeyMode ?? 'replace',
    ],
  );
  const id = row.rows[0]?.id;
  if (id === undefined) throw new Error(`add_job returned no row for task "${task.name}"`);
  return { id };
}

/**
 * Checks the payload exactly as the worker will see it (after a JSON round trip, so a Date or a
 * `undefined` that JSON cannot carry fails here, not at run time) and returns that JSON text.
 */
function checkPayload(task: TaskDefinition, payload: unknown): string {
  const json = JSON.stringify(payload ?? null);
  const parsed = task.schema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    throw new InputError(
      `Payload for task "${task.name}" is invalid: ${z.prettifyError(parsed.error)}`,
      'payload',
    );
  }
  return json;
}
