// Tasks: a name, a zod schema for the payload and a handler. Payloads are `unknown` until parsed: the
// schema checks them at enqueue (nothing bad is written) and again when the job runs (a row written by
// other means, or by an older release, fails permanently with a clear message instead of retrying).
import type { z } from 'zod';
import type { Logger } from '../../logger.js';

export interface TaskHelpers {
  /** graphile-worker's job id (a bigint, as a string). */
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
  logger: Logger;
  /** Aborted when the runner shuts down (after its grace period) or loses its lease: stop soon. */
  signal: AbortSignal;
}

export interface TaskOptions {
  /** Runs before the job fails for good (default 10). Fixed per job when it is enqueued. */
  maxAttempts?: number;
}

export interface TaskDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  // Method syntax on purpose: a TaskDefinition<Specific> must fit in a TaskDefinition[] list.
  handler(payload: z.output<S>, helpers: TaskHelpers): Promise<void>;
  readonly maxAttempts: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;
const NAME = /^[a-z][a-z0-9]*(?:[-_.:][a-z0-9]+)*$/;

// Every task defined in this process, so `enqueue(db, 'name', …)` can check the payload too.
const registry = new Map<string, TaskDefinition>();

export function defineTask<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: (payload: z.output<S>, helpers: TaskHelpers) => Promise<void>,
  opts: TaskOptions = {},
): TaskDefinition<S> {
  if (!NAME.test(name)) throw new Error(`Task name "${name}" must be lower-case words joined by - _ . or :`);
  if (registry.has(name)) throw new Error(`Task "${name}" is defined twice`);
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 32767) {
    throw new Error(`Task "${name}": maxAttempts must be a whole number from 1 to 32767`);
  }
  const task: TaskDefinition<S> = Object.freeze({ name, schema, handler, maxAttempts });
  registry.set(name, task);
  return task;
}

export function findTask(name: string): TaskDefinition | undefined {
  return registry.get(name);
}
