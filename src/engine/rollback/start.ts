// Starting a rollback (the CLI, the console and the canvas): refused while a run of the migration is going
// (it would create again what is being deleted); a rollback of the same scope still going is resumed rather
// than started twice.
import type { Knex } from 'knex';
import { ConfigurationError } from '../../errors.js';
import { createRollback, runningRollback } from './state.js';

export async function startOrResumeRollback(
  db: Knex,
  migrationId: string,
  runId: string | null,
): Promise<{ rollbackId: string; resumed: boolean }> {
  const busy = await db('runs')
    .where({ migration_id: migrationId })
    .whereIn('status', ['planned', 'running'])
    .first<{ id: string } | undefined>('id');
  if (busy)
    throw new ConfigurationError(
      `Run ${busy.id} of this migration is still going: pause or cancel it (or let it finish), then roll back.`,
    );
  const running = await runningRollback(db, migrationId, runId);
  if (running) return { rollbackId: running, resumed: true };
  return { rollbackId: await createRollback(db, migrationId, runId), resumed: false };
}
