// verification.json and mismatches.csv: what the run's verification found (src/engine/verify.ts).
// verification.json holds per entity {checked, matched, mismatched, unverifiable}, the totals and the
// records that could not be verified with the reason; mismatches.csv one line per problem (entity,
// source_id, target_id, problem), each problem a sentence an admin can act on.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Knex } from 'knex';
import {
  totalCounts,
  verificationCounts,
  verificationRows,
  type VerificationCounts,
} from '../engine/verify-results.js';
import { csvRecord } from './csv.js';

export const MISMATCH_COLUMNS = ['entity', 'source_id', 'target_id', 'problem'] as const;

export interface VerificationReport {
  runId: string;
  entities: Record<string, VerificationCounts>;
  total: VerificationCounts;
  unverifiable: { entity: string; source_id: string; target_id: string | null; reason: string }[];
}

const PAGE = 1000;

/** The run's verification, or null when it was never verified. */
export async function verificationReport(db: Knex, runId: string): Promise<VerificationReport | null> {
  const entities = await verificationCounts(db, runId);
  if (!entities) return null;
  const unverifiable = (await verificationRows(db, runId, 'unverifiable')).map((r) => ({
    entity: r.entity,
    source_id: r.source_id,
    target_id: r.target_id,
    reason: r.problem,
  }));
  return { runId, entities, total: totalCounts(entities), unverifiable };
}

/** Writes verification.json and mismatches.csv into `dir`; null (and nothing written) when never verified. */
export async function writeVerificationReports(
  db: Knex,
  runId: string,
  dir: string,
): Promise<VerificationReport | null> {
  const report = await verificationReport(db, runId);
  if (!report) return null;
  await writeFile(path.join(dir, 'verification.json'), `${JSON.stringify(report, null, 2)}\n`);
  const out = createWriteStream(path.join(dir, 'mismatches.csv'));
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    await write(csvRecord(MISMATCH_COLUMNS));
    for (let after: string | undefined; ;) {
      const rows = await verificationRows(db, runId, 'mismatch', { afterId: after, limit: PAGE });
      for (const r of rows) await write(csvRecord([r.entity, r.source_id, r.target_id, r.problem]));
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
  return report;
}
