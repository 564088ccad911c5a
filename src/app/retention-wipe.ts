// What the retention jobs do when they come due (issue 15 §2). `now` is given (the jobs pass the database's
// clock, tests their own), so a test moves time instead of waiting for it.
// - A migration: its source data is wiped once archive_at has passed. A run still going (planned or running)
//   needs the credentials: the wipe waits for it and looks again an hour later (a completed run sets a new
//   date anyway). A paused run cannot go on without the credentials: it is cancelled, keeping its outcomes.
// - An uninstalled workspace: deleted with all of its data once its grace period is over, unless Ferry was
//   installed again meanwhile (a re-installation clears wipe_at).
import type { Knex } from 'knex';
import * as retention from '../db/repositories/retention.js';
import type { WipedSourceData } from '../db/repositories/retention.js';
import { keepOutcomes } from '../engine/run-outcomes.js';

export type MigrationWipeOutcome =
  | { kind: 'wiped'; wiped: WipedSourceData; cancelledRuns: string[] }
  /** Not yet: look again at `at`. */
  | { kind: 'later'; at: Date }
  /** Nothing to do: the migration is gone, already wiped for its date, or has no date. */
  | { kind: 'none' };

/** A run still going when the wipe is due: how long the wipe waits before it looks again. */
export const RUN_GOING_RECHECK_MS = 60 * 60 * 1000;

export function retentionCancelReason(date: Date): string {
  return `Cancelled: the retention period ended on ${date.toISOString().slice(0, 10)} and the source data was wiped.`;
}

export async function wipeMigrationWhenDue(
  db: Knex,
  migrationId: string,
  now: Date,
): Promise<MigrationWipeOutcome> {
  return db.transaction(async (trx) => {
    const m = await retention.lockMigration(trx, migrationId);
    // Wiped for this date already (a later date comes from a run completed after a reconnect).
    if (!m?.archive_at || (m.wiped_at && m.wiped_at >= m.archive_at)) return { kind: 'none' };
    if (m.archive_at > now) return { kind: 'later', at: m.archive_at };
    const unfinished = await trx('runs')
      .where({ migration_id: m.id })
      .whereIn('status', ['planned', 'running', 'paused'])
      .select<{ id: string; status: string }[]>('id', 'status');
    if (unfinished.some((r) => r.status !== 'paused'))
      return { kind: 'later', at: new Date(now.getTime() + RUN_GOING_RECHECK_MS) };
    const cancelledRuns = unfinished.map((r) => r.id);
    if (cancelledRuns.length > 0) {
      await trx('runs')
        .whereIn('id', cancelledRuns)
        .update({
          status: 'cancelled',
          pause_reason: retentionCancelReason(now),
          finished_at: now,
          updated_at: trx.fn.now(),
        });
      await keepOutcomes(trx, cancelledRuns);
    }
    const wiped = await retention.wipeSourceData(trx, m, now);
    return { kind: 'wiped', wiped, cancelledRuns };
  });
}

/** Deletes an uninstalled workspace with all of its data when its grace period is over at `now`. */
export function wipeWorkspaceWhenDue(db: Knex, workspaceId: string, now: Date): Promise<boolean> {
  return retention.deleteUninstalledWorkspace(db, workspaceId, now);
}
