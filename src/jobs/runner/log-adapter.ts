// graphile-worker logs through its own Logger; this routes it into our pino logger. Its per-job
// "Completed task" lines go to debug (one per job is noise at info), and a failure the runner has
// already settled (retry scheduled / failed for good, logged by us) is not logged twice.
import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from '../../logger.js';
import { JobSettledError } from './settle.js';

export function toWorkerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => {
    const child = logger.child({ component: 'graphile-worker', ...scope });
    return (level, message, meta) => {
      if (meta?.error instanceof JobSettledError) return;
      const fields = meta?.error ? { err: meta.error } : {};
      switch (level as string) {
        case 'error':
          return child.error(fields, message);
        case 'warning':
          return child.warn(fields, message);
        default:
          return child.debug(fields, message);
      }
    };
  });
}
