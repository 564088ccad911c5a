// One job's run, as graphile-worker sees it (a Task): parse the payload with the task's schema, call the
// handler with a signal, and on failure settle the job on our terms (settle.ts) before telling
// graphile-worker it failed.
import type { JobHelpers, Task } from 'graphile-worker';
import type pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { decideFailure, errorMessage, type BackoffPolicy } from './backoff.js';
import { JobSettledError, settleJob, type Settlement } from './settle.js';
import type { TaskDefinition } from './task.js';

export interface RunJobContext {
  pool(): pg.Pool;
  logger: Logger;
  backoff: BackoffPolicy;
  /** True once stop() was called: an abort after that is a shutdown, not a failure. */
  stopping(): boolean;
  /** Aborts when the runner loses its lease (its jobs may be running elsewhere). */
  leaseSignal(): AbortSignal;
}

export function toWorkerTask(task: TaskDefinition, ctx: RunJobContext): Task {
  return async (raw: unknown, gh: JobHelpers) => {
    const { job } = gh;
    const log = ctx.logger.child({ job: job.id, task: task.name, attempt: job.attempts });
    const settle = async (s: Settlement, original: unknown): Promise<never> => {
      let settled: boolean;
      try {
        settled = await settleJob(ctx.pool(), job.id, job.locked_by ?? '', s);
      } catch (err) {
        log.error(
          { err },
          'could not record the job failure; graphile-worker will retry it with its own backoff',
        );
        throw original;
      }
      if (!settled) log.warn('job was no longer held by this worker (lease swept) when it failed');
      throw new JobSettledError(s.error);
    };

    const parsed = task.schema.safeParse(raw);
    if (!parsed.success) {
      const error = `Payload does not match task "${task.name}": ${z.prettifyError(parsed.error)}`;
      log.error({ error }, 'job failed for good: invalid payload');
      return settle({ kind: 'fail', error }, new Error(error));
    }
    const shutdown = gh.abortSignal;
    const { signal, dispose } = anyOf([shutdown, ctx.leaseSignal()]);
    try {
      const helpers = {
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        logger: log,
        signal,
      };
      await task.handler(parsed.data, helpers);
    } catch (err) {
      const error = errorMessage(err);
      if (ctx.stopping() && shutdown?.aborted) {
        log.warn({ err }, 'job interrupted by shutdown; released for another worker');
        return settle({ kind: 'release', error: `interrupted by shutdown: ${error}` }, err);
      }
      const decision = decideFailure(err, job.attempts, job.max_attempts, ctx.backoff);
      if (decision.kind === 'retry') {
        log.warn({ err, retryInMs: decision.delayMs }, 'job failed; will retry');
        return settle({ kind: 'retry', delayMs: decision.delayMs, error }, err);
      }
      log.error({ err }, `job failed for good: ${decision.reason}`);
      return settle({ kind: 'fail', error: decision.reason }, err);
    } finally {
      dispose();
    }
  };
}

// AbortSignal.any without leaving listeners on the long-lived signals after the job is done.
function anyOf(sources: ReadonlyArray<AbortSignal | undefined>): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const present = sources.filter((s): s is AbortSignal => s !== undefined);
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const s of present) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => present.forEach((s) => s.removeEventListener('abort', onAbort)),
  };
}
