// createRunner: graphile-worker running our task definitions, plus what Ferry needs on top of it —
// payloads parsed by zod when a job runs, our backoff with a cap (backoff.ts, settle.ts), leases so a
// crashed worker's job runs again within a minute (lease.ts), and a graceful stop(). Signal wiring
// (SIGTERM/SIGINT → stop()) belongs to main.ts. Any number of runners, in any number of processes and
// machines, can share one database: graphile-worker claims jobs with SELECT … FOR UPDATE SKIP LOCKED.
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { startLease, type Lease } from './lease.js';
import { toWorkerLogger } from './log-adapter.js';
import { openPool, type OwnedPool } from './pool.js';
import { installSchema } from './schema.js';
import { toWorkerTask, type RunJobContext } from './run-job.js';
import type { TaskDefinition } from './task.js';

export interface RunnerOptions {
  /** Either a connection string (the runner makes and ends its own pool) or the caller's pool. */
  databaseUrl?: string;
  pool?: pg.Pool;
  logger: Logger;
  /** Jobs run at once by this process. */
  concurrency: number;
  tasks: readonly TaskDefinition[];
  /** Milliseconds between polls for jobs that became due (new jobs arrive by LISTEN/NOTIFY). Default 2000. */
  pollInterval?: number;
  /** Default 5. */
  heartbeatSeconds?: number;
  /** A holder silent this long loses its jobs to other runners. Default 30 (so recovery < 60 s). */
  staleAfterSeconds?: number;
  backoff?: Partial<BackoffPolicy>;
  /** After stop(), in-flight jobs get this long before their signal aborts. Default 20. */
  shutdownGraceSeconds?: number;
  /**
   * Jobs carrying any of these flags (EnqueueOptions.flags) are never fetched by this runner: left in the
   * queue, attempts untouched, for other runners. A function is asked again before every fetch.
   */
  forbiddenFlags?: ForbiddenFlags;
}

export type ForbiddenFlags = readonly string[] | (() => Promise<readonly string[]>);

export interface JobRunner {
  /** This process's id in ferry_runner.runners (its graphile worker ids are listed there). */
  readonly workerId: string;
  start(): Promise<void>;
  /** Stops taking jobs, lets in-flight jobs finish (or release themselves when aborted), then returns. */
  stop(): Promise<void>;
}

export function createRunner(options: RunnerOptions): JobRunner {
  const { logger, tasks } = options;
  const concurrency = options.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('concurrency must be a whole number ≥ 1');
  if (!options.databaseUrl === !options.pool) throw new Error('give createRunner either databaseUrl or pool');
  const names = new Set(tasks.map((t) => t.name));
  if (names.size !== tasks.length) throw new Error('createRunner was given two tasks with the same name');

  const heartbeatMs = (options.heartbeatSeconds ?? 5) * 1000;
  const staleAfterMs = (options.staleAfterSeconds ?? 30) * 1000;
  if (staleAfterMs < 3 * heartbeatMs) throw new Error('staleAfterSeconds must be at least 3 heartbeats');
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const workerId = `runner-${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const log = logger.child({ component: 'job-runner', runner: workerId });

  let owned: OwnedPool | undefined;
  let lease: Lease | undefined;
  let runner: Runner | undefined;
  let stopping = false;
  let stopped: Promise<void> | undefined;
  // Replaced each time the lease is lost, so only jobs started under the lost lease are aborted.
  let leaseController = new AbortController();

  const jobContext: RunJobContext = {
    pool: () => owned!.pool,
    logger: log,
    backoff,
    stopping: () => stopping,
    leaseSignal: () => leaseController.signal,
  };

  const cleanUp = async () => {
    await lease?.stop();
    await owned?.release();
  };

  return {
    workerId,
    async start() {
      if (owned) throw new Error('job runner already started');
      owned = options.pool
        ? openPool(options.pool, log)
        : openPool(options.databaseUrl!, log, concurrency + 3);
      try {
        await startWorking(owned.pool);
      } catch (err) {
        await cleanUp().catch(() => {});
        throw err;
      }
      log.info({ concurrency, tasks: [...names] }, 'job runner started');
    },
    stop() {
      stopped ??= (async () => {
        if (!owned) return;
        stopping = true;
        // Heartbeats go on until the last in-flight job is done, so none is swept while it finishes.
        await runner?.stop().catch((err: unknown) => log.warn({ err }, 'job runner stop reported an error'));
        await cleanUp();
        log.info('job runner stopped');
      })();
      return stopped;
    },
  };

  async function startWorking(pool: pg.Pool): Promise<void> {
    await installSchema(pool, log);
    lease = await startLease({
      pool,
      runnerId: workerId,
      logger: log,
      heartbeatMs,
      staleAfterMs,
      sweepMs: Math.max(heartbeatMs, staleAfterMs / 3),
      onLeaseLost: () => {
        leaseController.abort(new Error('job runner lost its lease'));
        leaseController = new AbortController();
      },
    });
    const events = new EventEmitter() as WorkerEvents;
    events.on('worker:create', ({ worker }) => lease?.addWorker(worker.workerId));
    const taskList: TaskList = Object.fromEntries(tasks.map((t) => [t.name, toWorkerTask(t, jobContext)]));
    runner = await run({
      pgPool: pool,
      concurrency,
      pollInterval: options.pollInterval ?? 2000,
      taskList,
      parsedCronItems: [],
      noHandleSignals: true,
      events,
      logger: toWorkerLogger(log),
      gracefulShutdownAbortTimeout: (options.shutdownGraceSeconds ?? 20) * 1000,
      forbiddenFlags: toWorkerFlags(options.forbiddenFlags),
    });
    runner.promise.catch((err: unknown) => log.error({ err }, 'job runner stopped with an error'));
  }
}

// graphile-worker wants mutable arrays (and null for none).
function toWorkerFlags(flags: ForbiddenFlags | undefined): string[] | (() => Promise<string[]>) | null {
  if (flags === undefined) return null;
  if (typeof flags === 'function') return async () => [...(await flags())];
  return [...flags];
}
