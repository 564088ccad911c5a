// What a run's verification found, kept per run (run_verification, run_mismatches): counts per entity and
// one row per problem of a mismatched record (or the reason a record cannot be verified). Written a page
// at a time in the transaction of the page's checkpoint; a new verification of the run replaces it all.
import type { Knex } from 'knex';
import type { Verdict } from '../transform/verify-values.js';

export const VERIFIED_ENTITIES = ['companies', 'contacts', 'tickets', 'articles'] as const;
export type VerifiedEntity = (typeof VERIFIED_ENTITIES)[number];

export interface VerificationCounts {
  checked: number;
  matched: number;
  mismatched: number;
  unverifiable: number;
}

export interface RecordVerdict {
  entity: VerifiedEntity;
  sourceId: string;
  targetId: string;
  verdict: Verdict;
}

export interface MismatchRow {
  entity: string;
  source_id: string;
  target_id: string | null;
  problem: string;
}

type Db = Knex | Knex.Transaction;

/** Set on the run when its verification started (a resumed verify stage keeps what it found). */
export const VERIFY_STARTED = 'verify:started';

/** The run cursor of an entity's verification (the last staged record verified). */
export const verifyCursor = (entity: string) => `verify:${entity}`;

/** Starts the run's verification afresh: every entity at zero, no mismatch rows. */
export async function resetVerification(db: Knex, runId: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('run_mismatches').where({ run_id: runId }).delete();
    await trx('run_verification').where({ run_id: runId }).delete();
    await trx('run_verification').insert(VERIFIED_ENTITIES.map((entity) => ({ run_id: runId, entity })));
    await trx('runs')
      .where({ id: runId })
      .update({
        cursors: trx.raw(`(cursors - ?::text[]) || jsonb_build_object(?::text, true)`, [
          VERIFIED_ENTITIES.map(verifyCursor),
          VERIFY_STARTED,
        ]),
      });
  });
}

/** Adds one page's verdicts (counts and problem rows). */
export async function recordVerdicts(
  db: Db,
  runId: string,
  verdicts: readonly RecordVerdict[],
): Promise<void> {
  if (verdicts.length === 0) return;
  const counts = new Map<string, VerificationCounts>();
  const rows: Record<string, unknown>[] = [];
  for (const v of verdicts) {
    const c = counts.get(v.entity) ?? { checked: 0, matched: 0, mismatched: 0, unverifiable: 0 };
    c.checked++;
    c[v.verdict.outcome]++;
    counts.set(v.entity, c);
    const base = { run_id: runId, entity: v.entity, source_id: v.sourceId, target_id: v.targetId };
    if (v.verdict.outcome === 'mismatched')
      for (const problem of v.verdict.problems) rows.push({ ...base, kind: 'mismatch', problem });
    if (v.verdict.outcome === 'unverifiable')
      rows.push({ ...base, kind: 'unverifiable', problem: v.verdict.reason });
  }
  for (const [entity, c] of counts)
    await db.raw(
      `INSERT INTO run_verification (run_id, entity, checked, matched, mismatched, unverifiable)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, entity) DO UPDATE SET
         checked = run_verification.checked + excluded.checked,
         matched = run_verification.matched + excluded.matched,
         mismatched = run_verification.mismatched + excluded.mismatched,
         unverifiable = run_verification.unverifiable + excluded.unverifiable,
         updated_at = now()`,
      [runId, entity, c.checked, c.matched, c.mismatched, c.unverifiable],
    );
  for (let i = 0; i < rows.length; i += 500) await db('run_mismatches').insert(rows.slice(i, i + 500));
}

/** Per entity counts; null when the run was never verified. */
export async function verificationCounts(
  db: Db,
  runId: string,
): Promise<Record<string, VerificationCounts> | null> {
  const rows = await db('run_verification')
    .where({ run_id: runId })
    .select<(VerificationCounts & { entity: string })[]>(
      'entity',
      'checked',
      'matched',
      'mismatched',
      'unverifiable',
    );
  if (rows.length === 0) return null;
  const out: Record<string, VerificationCounts> = {};
  for (const r of rows)
    out[r.entity] = {
      checked: Number(r.checked),
      matched: Number(r.matched),
      mismatched: Number(r.mismatched),
      unverifiable: Number(r.unverifiable),
    };
  return out;
}

/** The totals over every entity. */
export function totalCounts(counts: Record<string, VerificationCounts>): VerificationCounts {
  const t = { checked: 0, matched: 0, mismatched: 0, unverifiable: 0 };
  for (const c of Object.values(counts)) {
    t.checked += c.checked;
    t.matched += c.matched;
    t.mismatched += c.mismatched;
    t.unverifiable += c.unverifiable;
  }
  return t;
}

/** The run's problem rows of one kind, in the order they were found (a page after `afterId`). */
export async function verificationRows(
  db: Db,
  runId: string,
  kind: 'mismatch' | 'unverifiable',
  o: { afterId?: string; limit?: number } = {},
): Promise<(MismatchRow & { id: string })[]> {
  const q = db('run_mismatches').where({ run_id: runId, kind }).orderBy('id');
  if (o.afterId) q.andWhere('id', '>', o.afterId);
  if (o.limit) q.limit(o.limit);
  const rows = await q.select<(MismatchRow & { id: string | number })[]>(
    'id',
    'entity',
    'source_id',
    'target_id',
    'problem',
  );
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}
