// The promise every bench run is held to (nothing lost silently): for each entity, total = migrated + failed
// + skipped, and no ledger row of the run is left pending.
import type { Knex } from 'knex';
import type { RunStatusView } from '../src/app/runs.js';

/** Entities whose total ≠ migrated + failed + skipped, and ledger rows of the run left pending. */
export async function totalsCheck(db: Knex, status: RunStatusView) {
  const off = Object.entries(status.counters)
    .filter(([, c]) => c.total !== c.migrated + c.failed + c.skipped)
    .map(([entity]) => entity);
  const pending = await db('ledger')
    .where({ last_run_id: status.runId, status: 'pending' })
    .count<{ n: string }[]>('* as n');
  return { off, pending: Number(pending[0]?.n ?? 0) };
}

/** The two report rows of totalsCheck. */
export function totalsRows(t: Awaited<ReturnType<typeof totalsCheck>>): Record<string, string | number> {
  return {
    'entities whose total ≠ migrated + failed + skipped': t.off.join(', ') || 'none',
    'ledger rows left pending': t.pending,
  };
}
