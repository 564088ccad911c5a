// Ledger marks of many records in flight, written together. A stage keeps tens to hundreds of records in
// flight, and each Intercom call is preceded or followed by a mark (DESIGN "The ledger"): one statement
// (one commit, one fsync) per mark made the database, not Intercom, the bound — a 300-ticket run at 200 ms
// had 150 tickets waiting on a pool of 10 connections. Here marks that arrive while earlier ones are being
// written wait and go together in the next statement, as a database's group commit does, so each caller
// still awaits its own mark's commit before it calls Intercom: the write rule is unchanged.
import type { Knex } from 'knex';
import * as repo from '../db/repositories/ledger.js';

/** Statements in flight at once per database (a few, so one slow commit does not stall every mark). */
const MAX_FLUSHES = 3;
/** Rows per statement (PostgreSQL's bind-parameter limit is 65,535; a ledger row binds 13). */
const MAX_ROWS = 1_000;

interface Waiting {
  entries: repo.LedgerEntry[];
  resolve(): void;
  reject(error: unknown): void;
}

interface Batcher {
  write(entries: repo.LedgerEntry[]): Promise<void>;
}

const batchers = new WeakMap<Knex, Batcher>();

/** Writes entries through the database's batcher; inside a transaction, at once (the caller's commit). */
export function writeMarks(db: Knex | Knex.Transaction, entries: repo.LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  if (db.isTransaction) return repo.upsertQuietly(db, entries);
  let b = batchers.get(db);
  if (!b) {
    b = createBatcher((rows) => repo.upsertQuietly(db, rows));
    batchers.set(db, b);
  }
  return b.write(entries);
}

export function createBatcher(
  flushRows: (rows: repo.LedgerEntry[]) => Promise<void>,
  limits: { maxFlushes?: number; maxRows?: number } = {},
): Batcher {
  const maxFlushes = limits.maxFlushes ?? MAX_FLUSHES;
  const maxRows = limits.maxRows ?? MAX_ROWS;
  const queue: Waiting[] = [];
  let flushing = 0;

  function take(): Waiting[] {
    const batch: Waiting[] = [];
    let rows = 0;
    while (queue.length > 0 && (batch.length === 0 || rows + queue[0]!.entries.length <= maxRows)) {
      const w = queue.shift()!;
      rows += w.entries.length;
      batch.push(w);
    }
    return batch;
  }

  function pump(): void {
    while (flushing < maxFlushes && queue.length > 0) {
      const batch = take();
      flushing += 1;
      // Rows in key order: two statements that touch the same rows lock them in the same order (no deadlock).
      const rows = batch.flatMap((w) => w.entries).sort(byKey);
      flushRows(rows)
        .then(
          () => batch.forEach((w) => w.resolve()),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          flushing -= 1;
          pump();
        });
    }
  }

  return {
    write(entries) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ entries, resolve, reject });
        // After the current turn: the marks made in it go in one statement.
        if (queue.length === 1) setImmediate(pump);
      });
    },
  };
}

function byKey(a: repo.LedgerEntry, b: repo.LedgerEntry): number {
  return (
    compare(a.migration_id, b.migration_id) ||
    compare(a.entity, b.entity) ||
    compare(a.source_id, b.source_id)
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
