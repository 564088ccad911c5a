// The mismatches page's use cases: a run's verification problems page by page, and mismatches.csv (the
// same columns and rows `ferry verify` writes, src/report/verification.ts).
import type { Knex } from 'knex';
import { verificationRows, type MismatchRow } from '../../engine/verify-results.js';
import { csvRecord, MISMATCH_COLUMNS } from '../../report/index.js';
import type { RunStatusView } from '../runs.js';

export const MISMATCH_PAGE = 100;

export async function mismatchesPage(
  db: Knex,
  run: RunStatusView,
  afterId?: string,
): Promise<{ rows: MismatchRow[]; unverifiable: MismatchRow[]; nextAfterId: string | null }> {
  const rows = await verificationRows(db, run.runId, 'mismatch', {
    ...(afterId && /^\d+$/.test(afterId) ? { afterId } : {}),
    limit: MISMATCH_PAGE + 1,
  });
  const page = rows.slice(0, MISMATCH_PAGE);
  const unverifiable = afterId ? [] : await verificationRows(db, run.runId, 'unverifiable');
  return {
    rows: page,
    unverifiable,
    nextAfterId: rows.length > MISMATCH_PAGE ? page[page.length - 1]!.id : null,
  };
}

/** mismatches.csv line by line, header first. */
export async function* mismatchesCsv(db: Knex, run: RunStatusView): AsyncGenerator<string> {
  yield csvRecord(MISMATCH_COLUMNS);
  for (let after: string | undefined; ;) {
    const rows = await verificationRows(db, run.runId, 'mismatch', {
      ...(after ? { afterId: after } : {}),
      limit: 1000,
    });
    if (rows.length > 0)
      yield rows.map((r) => csvRecord([r.entity, r.source_id, r.target_id, r.problem])).join('');
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]!.id;
  }
}
