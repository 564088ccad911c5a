import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ledger from '../../src/db/repositories/ledger.js';
import * as migrations from '../../src/db/repositories/migrations.js';
import * as runs from '../../src/db/repositories/runs.js';
import * as workspaces from '../../src/db/repositories/workspaces.js';
import { createMigratedTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let migrationId: string;
let runId: string;
beforeAll(async () => {
  db = await createMigratedTestDatabase();
  const ws = await workspaces.upsertInstalled(db.knex, {
    intercom_workspace_id: 'ws-ledger',
    region: 'us',
    access_token_enc: 'v1:x',
  });
  const m = await migrations.create(db.knex, {
    workspace_id: ws.id,
    name: 'Ledger',
    source_platform: 'zendesk',
  });
  migrationId = m.id;
  runId = (await runs.create(db.knex, { migration_id: m.id, kind: 'full' })).id;
});
afterAll(() => db.drop());

const key = (entity: string, sourceId: string) => ({
  migration_id: migrationId,
  entity,
  source_id: sourceId,
});

describe('ledger', () => {
  it('when two connections upsert one ledger key at the same moment, many times, then one row is left', async () => {
    const attempts = Array.from({ length: 20 }, (_, i) =>
      db.knex.transaction(async (trx): Promise<unknown> =>
        i % 2 === 0
          ? ledger.markPending(trx, [{ ...key('tickets', 'race-1'), run_id: runId }])
          : ledger.markResult(trx, key('tickets', 'race-1'), { status: 'migrated', target_id: 'ic-1' }),
      ),
    );
    await Promise.all(attempts);
    const rows = await db.knex('ledger').where(key('tickets', 'race-1'));
    expect(rows).toHaveLength(1);
  });

  it('when a record goes pending, migrated, pending again and then fails, then its target id is kept and the reason recorded', async () => {
    const k = key('contacts', 'c-1');
    const pending = await ledger.markPending(db.knex, [{ ...k, run_id: runId, source_hash: 'h1' }]);
    expect(pending[0]).toMatchObject({
      status: 'pending',
      target_id: null,
      source_hash: 'h1',
      last_run_id: runId,
    });
    expect(await ledger.markResult(db.knex, k, { status: 'migrated', target_id: 'contact-9' })).toMatchObject(
      {
        status: 'migrated',
        target_id: 'contact-9',
        source_hash: 'h1',
      },
    );
    await ledger.markPending(db.knex, [{ ...k, source_hash: 'h2' }]);
    const failed = await ledger.markResult(db.knex, k, { status: 'failed', reason: 'Intercom said 422' });
    expect(failed).toMatchObject({
      status: 'failed',
      target_id: 'contact-9',
      reason: 'Intercom said 422',
      source_hash: 'h2',
    });
    expect(await ledger.get(db.knex, k)).toMatchObject({ status: 'failed', target_id: 'contact-9' });
  });

  it('when one batch names a key twice, then the upsert keeps the last entry instead of failing', async () => {
    const rows = await ledger.upsert(db.knex, [
      { ...key('tags', 't-1'), status: 'skipped', reason: 'first' },
      { ...key('tags', 't-1'), status: 'skipped', reason: 'second' },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reason).toBe('second');
  });

  it('when rows are pending, migrated, failed and skipped, then counts per entity add up and pending rows list in order', async () => {
    const k = (id: string) => ({
      migration_id: migrationId,
      entity: 'comments',
      source_id: id,
      parent_source_id: 'T1',
    });
    await ledger.markPending(
      db.knex,
      ['p1', 'p2', 'p3', 'm1', 'f1', 's1'].map((id, i) => ({ ...k(id), position: i, run_id: runId })),
    );
    await ledger.markResult(db.knex, k('m1'), { status: 'migrated', target_id: 'part-1' });
    await ledger.markResult(db.knex, k('f1'), { status: 'failed', reason: 'boom' });
    await ledger.markResult(db.knex, k('s1'), { status: 'skipped', reason: 'empty body' });

    const counts = await ledger.countsByEntity(db.knex, migrationId);
    expect(counts.comments).toEqual({ pending: 3, migrated: 1, failed: 1, skipped: 1, total: 3 });
    const firstTwo = await ledger.listPending(db.knex, migrationId, { entity: 'comments', limit: 2 });
    expect(firstTwo.map((r) => r.source_id)).toEqual(['p1', 'p2']);
    const rest = await ledger.listPending(db.knex, migrationId, {
      entity: 'comments',
      afterId: firstTwo[1]!.id,
    });
    expect(rest.map((r) => r.source_id)).toEqual(['p3']);
    const byId = await ledger.getMany(db.knex, migrationId, 'comments', ['m1', 'nope']);
    expect([...byId.keys()]).toEqual(['m1']);
    expect(byId.get('m1')).toMatchObject({ target_id: 'part-1', position: 3, parent_source_id: 'T1' });
  });

  it('when a report streams more rows than one page, then every row comes once, in order, filtered', async () => {
    await ledger.upsert(
      db.knex,
      Array.from({ length: 25 }, (_, i) => ({
        ...key('articles', `a-${String(i).padStart(2, '0')}`),
        status: 'migrated' as const,
        target_id: `art-${i}`,
      })),
    );
    await ledger.markResult(db.knex, key('articles', 'a-x'), { status: 'failed', reason: 'too large' });
    const seen: string[] = [];
    for await (const row of ledger.reportRows(
      db.knex,
      migrationId,
      { entity: 'articles', status: 'migrated' },
      10,
    )) {
      seen.push(row.source_id);
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('a-00');
    const failed = [];
    for await (const row of ledger.reportRows(db.knex, migrationId, { entity: 'articles', status: 'failed' }))
      failed.push(row);
    expect(failed.map((r) => [r.source_id, r.reason])).toEqual([['a-x', 'too large']]);
  });
});
