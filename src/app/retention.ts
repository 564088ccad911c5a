// Retention's use cases for the screens (issue 15 §2): what is kept and until when, or what was wiped and when;
// an operator's postponement; and a reconnect after the wipe, which keeps the new credentials only for another
// retention period. The callers check that the admin is an operator (the canvas's and the console's checks).
import type { Knex } from 'knex';
import { InputError, NotFoundError } from '../errors.js';
import * as retention from '../db/repositories/retention.js';
import type { MigrationRow } from '../db/repositories/migrations.js';
import { retentionDueAt, scheduleRetention } from '../jobs/tasks/retention.js';
import { POSTPONE_DAYS } from '../../canvas/screens/retention.js';

export type RetentionState =
  /** Nothing scheduled yet: no full or delta run has completed. */
  | { kind: 'none' }
  /** The source data and credentials are kept until `until`; the ledger and reports stay. */
  | { kind: 'kept'; until: Date }
  /** Wiped on `on`; the ledger and reports stay. */
  | { kind: 'wiped'; on: Date };

export function retentionState(
  m: Pick<MigrationRow, 'archive_at' | 'wiped_at' | 'source_credentials_enc'>,
): RetentionState {
  if (m.wiped_at && (!m.archive_at || m.wiped_at >= m.archive_at) && !m.source_credentials_enc)
    return { kind: 'wiped', on: m.wiped_at };
  return m.archive_at ? { kind: 'kept', until: m.archive_at } : { kind: 'none' };
}

/** Moves the wipe `days` later; refused once wiped or before anything is scheduled. Resolves to the new date. */
export async function postponeRetention(
  db: Knex,
  scope: { workspaceId: string; migrationId: string },
  days = POSTPONE_DAYS,
): Promise<Date> {
  if (!Number.isInteger(days) || days < 1 || days > 90)
    throw new InputError('Postpone by 1 to 90 days', 'days');
  return db.transaction(async (trx) => {
    const m = await retention.lockMigration(trx, scope.migrationId);
    if (!m || m.workspace_id !== scope.workspaceId) throw new NotFoundError('No such migration');
    const state = retentionState(m);
    if (state.kind === 'wiped')
      throw new InputError('The source data was already wiped: there is nothing left to keep', 'migration');
    if (state.kind === 'none')
      throw new InputError(
        'Nothing is scheduled yet: the date is set when a full or delta run completes',
        'migration',
      );
    const at = retentionDueAt(state.until, days);
    await scheduleRetention(trx, m.id, at);
    return at;
  });
}

/**
 * Credentials stored again after the wipe: they are kept for one retention period from `now` (a delta that
 * completes sets a new date), so a reconnect never keeps them for ever.
 */
export async function afterReconnect(db: Knex, migrationId: string, now: Date, days: number): Promise<void> {
  await db.transaction(async (trx) => {
    const m = await retention.lockMigration(trx, migrationId);
    if (m?.status === 'archived') await scheduleRetention(trx, m.id, retentionDueAt(now, days));
  });
}
