// The records a run took in hand, staged in PostgreSQL by the plan (one transaction per source page, with
// that page's cursor), then read back in pages by the loading stages. Loading never re-reads the source
// and memory stays flat however large the account.
import type { Knex } from 'knex';

export interface StagedRecord<T> {
  /** Extraction order; loading pages are keyed on it. */
  seq: number;
  sourceId: string;
  payload: T;
}

/** Stages records (a later copy of the same record replaces the payload but keeps its place). */
export async function stageRecords(
  db: Knex | Knex.Transaction,
  runId: string,
  entity: string,
  records: readonly { sourceId: string; payload: unknown }[],
): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    run_id: runId,
    entity,
    source_id: r.sourceId,
    payload: JSON.stringify(r.payload),
  }));
  await db('run_records').insert(rows).onConflict(['run_id', 'entity', 'source_id']).merge(['payload']);
}

/** One page of staged records after `afterSeq`, in extraction order. */
export async function readStagedPage<T>(
  db: Knex,
  runId: string,
  entity: string,
  afterSeq: number,
  limit: number,
  parse: (payload: unknown) => T,
): Promise<StagedRecord<T>[]> {
  const rows = await db('run_records')
    .where({ run_id: runId, entity })
    .andWhere('id', '>', afterSeq)
    .orderBy('id')
    .limit(limit)
    .select<{ id: string; source_id: string; payload: unknown }[]>('id', 'source_id', 'payload');
  return rows.map((r) => ({ seq: Number(r.id), sourceId: r.source_id, payload: parse(r.payload) }));
}

/** Async pages of staged records, starting after a checkpoint. */
export async function* stagedPages<T>(
  db: Knex,
  runId: string,
  entity: string,
  fromSeq: number,
  pageSize: number,
  parse: (payload: unknown) => T,
): AsyncIterable<{ records: StagedRecord<T>[]; lastSeq: number }> {
  let after = fromSeq;
  for (;;) {
    const records = await readStagedPage(db, runId, entity, after, pageSize, parse);
    if (records.length === 0) return;
    after = records[records.length - 1]!.seq;
    yield { records, lastSeq: after };
  }
}

export async function countStaged(db: Knex, runId: string, entity: string): Promise<number> {
  const row = await db('run_records')
    .where({ run_id: runId, entity })
    .count<{ count: string }[]>('* as count');
  return Number(row[0]?.count ?? 0);
}

/** Source ids staged for an entity (small sets only: the demo's needs). */
export async function stagedIds(db: Knex, runId: string, entity: string): Promise<Set<string>> {
  const rows = await db('run_records')
    .where({ run_id: runId, entity })
    .select<{ source_id: string }[]>('source_id');
  return new Set(rows.map((r) => r.source_id));
}

/** Staging is working space: dropped when the run finishes (the ledger keeps the outcome). */
export async function clearStaging(db: Knex, runId: string): Promise<void> {
  await db('run_records').where({ run_id: runId }).delete();
  await db('staged_comment_events').where({ run_id: runId }).delete();
}
