import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/engine/ledger-batch.js';
import type { LedgerEntry } from '../../src/db/repositories/ledger.js';

const entry = (sourceId: string, status: LedgerEntry['status'] = 'pending'): LedgerEntry => ({
  migration_id: 'm',
  entity: 'parts',
  source_id: sourceId,
  status,
});

/** A statement that stays open until the test lets it commit. */
function fakeDatabase() {
  const statements: { rows: LedgerEntry[]; commit(): void; fail(e: Error): void }[] = [];
  const flush = (rows: LedgerEntry[]) =>
    new Promise<void>((resolve, reject) => statements.push({ rows, commit: resolve, fail: reject }));
  return { statements, flush };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('ledger marks of records in flight, written together', () => {
  it('when many records mark in one turn, then one statement carries them all, in key order', async () => {
    const db = fakeDatabase();
    const b = createBatcher(db.flush);
    const done = ['c', 'a', 'b'].map((id) => b.write([entry(id)]));
    await turn();
    expect(db.statements).toHaveLength(1);
    expect(db.statements[0]!.rows.map((r) => r.source_id)).toEqual(['a', 'b', 'c']);
    db.statements[0]!.commit();
    await Promise.all(done);
  });

  it('when a mark is waiting, then its caller goes on only after its statement committed', async () => {
    const db = fakeDatabase();
    const b = createBatcher(db.flush);
    let committed = false;
    const mark = b.write([entry('a')]).then(() => committed);
    await turn();
    await turn();
    expect(committed).toBe(false);
    committed = true;
    db.statements[0]!.commit();
    expect(await mark).toBe(true);
  });

  it('when statements are already in flight, then new marks wait and go together in the next one', async () => {
    const db = fakeDatabase();
    const b = createBatcher(db.flush, { maxFlushes: 1 });
    const first = b.write([entry('a')]);
    await turn();
    const later = ['b', 'c', 'd'].map((id) => b.write([entry(id)]));
    await turn();
    expect(db.statements).toHaveLength(1);
    db.statements[0]!.commit();
    await first;
    await turn();
    expect(db.statements).toHaveLength(2);
    expect(db.statements[1]!.rows.map((r) => r.source_id)).toEqual(['b', 'c', 'd']);
    db.statements[1]!.commit();
    await Promise.all(later);
  });

  it('when a statement fails, then every mark in it fails with that error and later marks still go', async () => {
    const db = fakeDatabase();
    const b = createBatcher(db.flush);
    const marks = [b.write([entry('a')]), b.write([entry('b')])];
    await turn();
    db.statements[0]!.fail(new Error('connection lost'));
    for (const m of marks) await expect(m).rejects.toThrow('connection lost');
    const next = b.write([entry('c')]);
    await turn();
    db.statements[1]!.commit();
    await expect(next).resolves.toBeUndefined();
  });

  it('when one key is marked twice in a statement, then the later mark comes later (the upsert keeps it)', async () => {
    const db = fakeDatabase();
    const b = createBatcher(db.flush);
    const marks = [b.write([entry('a', 'pending')]), b.write([entry('a', 'migrated')])];
    await turn();
    expect(db.statements[0]!.rows.map((r) => r.status)).toEqual(['pending', 'migrated']);
    db.statements[0]!.commit();
    await Promise.all(marks);
  });

  it('when more rows wait than a statement may carry, then they are split', async () => {
    const db = fakeDatabase();
    const b = createBatcher(db.flush, { maxRows: 2 });
    const marks = ['a', 'b', 'c'].map((id) => b.write([entry(id)]));
    await turn();
    expect(db.statements.map((s) => s.rows.length)).toEqual([2, 1]);
    db.statements.forEach((s) => s.commit());
    await Promise.all(marks);
  });
});
