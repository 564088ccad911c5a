// The runner talks to PostgreSQL through a pg.Pool: the caller's, or one it makes and ends itself
// (STACK-NOTES: graphile-worker given only a connection string sometimes crashed Node at shutdown).
import pg from 'pg';
import type { Logger } from '../../logger.js';

export type DatabaseTarget = string | pg.Pool;

export interface OwnedPool {
  pool: pg.Pool;
  /** Ends the pool only if we made it. */
  release(): Promise<void>;
}

export function openPool(target: DatabaseTarget, logger: Logger, max = 10): OwnedPool {
  if (typeof target !== 'string') return { pool: target, release: async () => {} };
  const pool = new pg.Pool({ connectionString: target, max });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would kill the process.
  pool.on('error', (err) => logger.warn({ err }, 'job runner: idle database connection failed'));
  return { pool, release: () => pool.end() };
}
