// Progress of a run: per entity available / total / migrated / failed / skipped (DESIGN "Counting words"),
// from the plan and the ledger; sampled at checkpoints for the progress chart and the estimate.
import type { Knex } from 'knex';
import { countsOfRun, skippedOfRun } from './ledger.js';
import { getRun } from './run-state.js';
import { REPORTED_ENTITIES } from './run-outcomes.js';
import { DELETED_IN_SOURCE, type RunPlan } from './plan.js';

export interface EntityCounters {
  available: number | null;
  total: number;
  migrated: number;
  failed: number;
  skipped: number;
  /**
   * Of the migrated, those that arrived with something left off: their ledger row keeps the loss as its
   * reason (migrated.csv), so "0 failed · 0 skipped" never hides one.
   */
  migratedWithLosses: number;
  /**
   * Of the skipped, those the source reported deleted (Zendesk's incremental export lists them, for one). They
   * count in total but not in available, so total can exceed available: screens name them to explain it.
   */
  deletedInSource: number;
}

export { REPORTED_ENTITIES } from './run-outcomes.js';

export async function runCounters(db: Knex, runId: string): Promise<Record<string, EntityCounters>> {
  const run = await getRun(db, runId);
  if (!run) return {};
  const plan = run.plan as RunPlan;
  // Once the run ended, its kept outcomes: a later run touching its records changes none of its counts.
  const kept = run.outcomes_at !== null;
  const counts = await countsOfRun(db, runId, kept);
  const deleted = await skippedOfRun(db, runId, DELETED_IN_SOURCE, kept);
  const finished = run.status === 'completed';
  const out: Record<string, EntityCounters> = {};
  for (const entity of REPORTED_ENTITIES) {
    const c = counts[entity] ?? { migrated: 0, failed: 0, skipped: 0, pending: 0, migratedWithLosses: 0 };
    const done = c.migrated + c.failed + c.skipped;
    // The plan's totals count the staged records; the deletions it reported (skipped) come on top.
    const planned = (plan.totals?.[entity] ?? 0) + (deleted[entity] ?? 0);
    const available = plan.available?.[entity];
    out[entity] = {
      available: typeof available === 'number' ? available : null,
      // While loading, the plan's total; once finished, exactly what the ledger holds for the run.
      total: finished ? done : Math.max(planned, done + c.pending),
      migrated: c.migrated,
      failed: c.failed,
      skipped: c.skipped,
      migratedWithLosses: c.migratedWithLosses,
      deletedInSource: deleted[entity] ?? 0,
    };
  }
  return out;
}

async function sampleProgress(db: Knex, runId: string): Promise<void> {
  const counters = await runCounters(db, runId);
  await db('run_progress').insert({ run_id: runId, counters: JSON.stringify(counters) });
}

/** Time between a stage's progress samples: each counts the run's ledger rows (94 ms at 56,000 rows in
 *  the scale bench, growing with the run), while a page of 50 records can take under a second. */
export const PROGRESS_SAMPLE_MS = 10_000;

/** A stage's sampler: the first call samples, later ones only once PROGRESS_SAMPLE_MS have passed (the run's
 *  end takes its own last sample, src/engine/finalise.ts). */
export function progressSampler(
  db: Knex,
  runId: string,
  o: { everyMs?: number; now?: () => number } = {},
): () => Promise<void> {
  const everyMs = o.everyMs ?? PROGRESS_SAMPLE_MS;
  const now = o.now ?? Date.now;
  let last: number | null = null;
  return async () => {
    const t = now();
    if (last !== null && t - last < everyMs) return;
    last = t;
    await sampleProgress(db, runId);
  };
}
