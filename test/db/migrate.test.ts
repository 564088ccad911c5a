import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLatest, pendingMigrations } from '../../src/db/migrate.js';
import { databaseReadiness } from '../../src/db/readiness.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('migrations', () => {
  it('when the database is empty, then the initial migration is pending and /readyz is not ready', async () => {
    expect(await pendingMigrations(db.knex)).toContain('20261126000000_initial');
    expect(await databaseReadiness(db.knex).check()).toEqual({
      ready: false,
      reason: expect.stringContaining('20261126000000_initial') as string,
    });
  });

  it('when migrateLatest runs twice, then the first applies everything, the second nothing, and it is ready', async () => {
    expect(await migrateLatest(db.knex)).toContain('20261126000000_initial');
    expect(await migrateLatest(db.knex)).toEqual([]);
    expect(await pendingMigrations(db.knex)).toEqual([]);
    expect(await databaseReadiness(db.knex).check()).toEqual({ ready: true });
    const tables = await db.knex('pg_tables').where({ schemaname: 'public' }).pluck('tablename');
    expect(tables).toEqual(expect.arrayContaining(['workspaces', 'migrations', 'runs', 'ledger']));
  });
});
