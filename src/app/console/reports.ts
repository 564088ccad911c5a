// The report pages' use cases: the migration's runs, a run's counters and progress samples, its records page
// by page, and its CSVs — the same columns and rows `ferry report` writes (src/report), so a download
// matches the records page exactly. Every run is looked up through the session's workspace's migration.
import type { Knex } from 'knex';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import * as runs from '../../db/repositories/runs.js';
import { getRunStatus, type RunStatusView } from '../runs.js';
import type { EntityCounters } from '../../engine/progress.js';
import { outcomeRows, outcomesKept } from '../../engine/run-outcomes.js';
import {
  CSV_COLUMNS,
  csvRecord,
  REPORT_STATUSES,
  reportRowsOfRun,
  type ReportStatus,
} from '../../report/index.js';
import type { ConsoleActor } from './access.js';

export interface RunListItem {
  id: string;
  kind: runs.RunKind;
  status: runs.RunStatus;
  createdAt: Date;
  finishedAt: Date | null;
}

export async function listRuns(db: Knex, actor: ConsoleActor): Promise<RunListItem[]> {
  if (!actor.migration) return [];
  const rows = await db('runs')
    .where({ migration_id: actor.migration.id })
    .orderBy('created_at', 'desc')
    .select('id', 'kind', 'status', 'created_at', 'finished_at');
  return z
    .array(
      z.object({
        id: z.string(),
        kind: runs.runKindSchema,
        status: runs.runStatusSchema,
        created_at: z.date(),
        finished_at: z.date().nullable(),
      }),
    )
    .parse(rows)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    }));
}

/** The run, if it belongs to the session's workspace's migration; NotFoundError otherwise (never B's run). */
export async function runOf(db: Knex, actor: ConsoleActor, runId: string): Promise<RunStatusView> {
  const run = actor.migration ? await runs.get(db, actor.migration.id, runId) : undefined;
  if (!run) throw new NotFoundError('No such run in this migration.');
  return getRunStatus(db, run.id);
}

export interface ProgressSample {
  at: Date;
  counters: Record<string, EntityCounters>;
}

const sampleSchema = z.object({
  sampled_at: z.date(),
  counters: z.record(
    z.string(),
    z.object({
      available: z.number().nullable().default(null),
      total: z.number().default(0),
      migrated: z.number().default(0),
      failed: z.number().default(0),
      skipped: z.number().default(0),
      migratedWithLosses: z.number().default(0),
      deletedInSource: z.number().default(0),
    }),
  ),
});

/** Samples taken while the run loaded (src/engine/progress.ts), oldest first. */
export async function progressSamples(db: Knex, run: RunStatusView): Promise<ProgressSample[]> {
  const rows: unknown[] = await db('run_progress')
    .where({ run_id: run.runId })
    .orderBy('sampled_at')
    .select('sampled_at', 'counters');
  return rows.map((r) => sampleSchema.parse(r)).map((r) => ({ at: r.sampled_at, counters: r.counters }));
}

export interface RecordRow {
  id: string;
  entity: string;
  sourceId: string;
  targetId: string | null;
  status: string;
  reason: string | null;
}

export const PAGE_SIZE = 50;

/**
 * One page of a run's records, optionally of one status and entity, by ledger id: the outcomes kept when the
 * run ended, or the ledger's rows of a run still going (the same rows as its CSVs).
 */
export async function recordsPage(
  db: Knex,
  run: RunStatusView,
  filter: { status?: ReportStatus; entity?: string; afterId?: string },
): Promise<{ rows: RecordRow[]; nextAfterId: string | null }> {
  const rows: unknown[] = await outcomeRows(db, run.runId, await outcomesKept(db, run.runId), {
    ...(filter.status ? { statuses: [filter.status] } : {}),
    ...(filter.entity ? { entities: [filter.entity] } : {}),
    ...(filter.afterId && /^\d+$/.test(filter.afterId) ? { afterId: filter.afterId } : {}),
  }).limit(PAGE_SIZE + 1);
  const parsed = z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        entity: z.string(),
        source_id: z.string(),
        target_id: z.string().nullable(),
        status: z.string(),
        reason: z.string().nullable(),
      }),
    )
    .parse(rows)
    .map((r) => ({
      id: r.id,
      entity: r.entity,
      sourceId: r.source_id,
      targetId: r.target_id,
      status: r.status,
      reason: r.reason,
    }));
  const more = parsed.length > PAGE_SIZE;
  const page = parsed.slice(0, PAGE_SIZE);
  return { rows: page, nextAfterId: more ? page[page.length - 1]!.id : null };
}

export const reportStatusSchema = z.enum(REPORT_STATUSES);

/** The run's CSV of one status, line by line (header first): what `ferry report` writes to <status>.csv. */
export async function* reportCsv(db: Knex, run: RunStatusView, status: ReportStatus): AsyncGenerator<string> {
  yield csvRecord(CSV_COLUMNS);
  for await (const batch of reportRowsOfRun(db, run.runId)) {
    let chunk = '';
    for (const r of batch)
      if (r.status === status) chunk += csvRecord([r.entity, r.source_id, r.target_id, r.status, r.reason]);
    if (chunk !== '') yield chunk;
  }
}
