// The job runner's public surface. Typical use:
//   const importPage = defineTask('import-page', z.object({ runId: z.string(), page: z.number() }), handler);
//   await knex.transaction((trx) => enqueue(trx, importPage, { runId, page: 1 }, { jobKey: `${runId}:1` }));
//   const runner = createRunner({ databaseUrl, logger, concurrency, tasks: [importPage] });
//   await runner.start(); … on SIGTERM/SIGINT: await runner.stop();
// installSchema(databaseUrl) belongs to the migrate step (start() also runs it, idempotently).
export { defineTask, type TaskDefinition, type TaskHelpers, type TaskOptions } from './task.js';
export { enqueue, enqueueMany, type EnqueueItem, type EnqueueOptions, type EnqueuedJob } from './enqueue.js';
export { createRunner, type ForbiddenFlags, type JobRunner, type RunnerOptions } from './runner.js';
export { installSchema } from './schema.js';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
