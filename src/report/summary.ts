// summary.json: the run's counters per entity (DESIGN "Counting words"), from the plan and the ledger.
import type { Knex } from 'knex';
import { NotFoundError } from '../errors.js';
import { runCounters, type EntityCounters } from '../engine/progress.js';
import { getRun, type RunKind, type RunStatus } from '../engine/run-state.js';

export interface RunSummary {
  migration: string;
  run: RunKind;
  runId: string;
  status: RunStatus;
  entities: Record<string, EntityCounters>;
}

export async function runSummary(db: Knex, runId: string): Promise<RunSummary> {
  const run = await getRun(db, runId);
  if (!run) throw new NotFoundError(`No run ${runId}`);
  const migration = await db('migrations').where({ id: run.migration_id }).first<{ name: string }>('name');
  const counters = await runCounters(db, runId);
  const entities: Record<string, EntityCounters> = {};
  for (const [entity, c] of Object.entries(counters)) {
    entities[entity] = {
      available: c.available,
      total: c.total,
      migrated: c.migrated,
      failed: c.failed,
      skipped: c.skipped,
      migratedWithLosses: c.migratedWithLosses,
      deletedInSource: c.deletedInSource,
    };
  }
  return {
    migration: migration?.name ?? run.migration_id,
    run: run.kind,
    runId,
    status: run.status,
    entities,
  };
}
