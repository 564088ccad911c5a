// Writes a run's reports into a folder: summary.json and migrated.csv, failed.csv, skipped.csv (columns
// entity, source_id, target_id, status, reason), streamed (src/report/ledger-rows.ts) so size never matters;
// and, once the run was verified, verification.json and mismatches.csv (src/report/verification.ts); and
// url-map.csv when the migration moved a help center (src/report/url-map.ts).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Knex } from 'knex';
import { csvRecord } from './csv.js';
import { REPORT_STATUSES, reportRowsOfRun, type ReportStatus } from './ledger-rows.js';
import { runSummary, type RunSummary } from './summary.js';
import { writeVerificationReports, type VerificationReport } from './verification.js';
import { writeUrlMap } from './url-map.js';

export const CSV_COLUMNS = ['entity', 'source_id', 'target_id', 'status', 'reason'] as const;

export interface WrittenReports {
  dir: string;
  summary: RunSummary;
  /** Rows written per CSV. */
  rows: Record<ReportStatus, number>;
  /** verification.json's content (mismatches.csv beside it); null when the run was not verified. */
  verification: VerificationReport | null;
  /** url-map.csv's rows; null when the migration has no help-center map (then no file is written). */
  urlMap: number | null;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

export async function writeReports(db: Knex, runId: string, dir: string): Promise<WrittenReports> {
  const target = path.resolve(dir);
  await mkdir(target, { recursive: true });
  const summary = await runSummary(db, runId);
  const files = Object.fromEntries(
    REPORT_STATUSES.map((s) => [s, createWriteStream(path.join(target, `${s}.csv`))]),
  ) as Record<ReportStatus, WriteStream>;
  const rows: Record<ReportStatus, number> = { migrated: 0, failed: 0, skipped: 0 };
  try {
    for (const s of REPORT_STATUSES) await write(files[s], csvRecord(CSV_COLUMNS));
    for await (const batch of reportRowsOfRun(db, runId)) {
      for (const r of batch) {
        await write(files[r.status], csvRecord([r.entity, r.source_id, r.target_id, r.status, r.reason]));
        rows[r.status]++;
      }
    }
  } finally {
    await Promise.all(REPORT_STATUSES.map((s) => close(files[s])));
  }
  await writeFile(path.join(target, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const verification = await writeVerificationReports(db, runId, target);
  const urlMap = await writeUrlMap(db, runId, target);
  return { dir: target, summary, rows, verification, urlMap };
}
