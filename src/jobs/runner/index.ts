// The job runner's public surface (see runner.ts for how the pieces fit).
export { defineTask, type TaskDefinition, type TaskHelpers, type TaskOptions } from './task.js';
export { enqueue, type EnqueueOptions, type EnqueuedJob } from './enqueue.js';
export { createRunner, type JobRunner, type RunnerOptions } from './runner.js';
export { installSchema } from './schema.js';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
