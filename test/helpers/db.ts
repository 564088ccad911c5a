// A fresh database per test file, created on the run's one PostgreSQL (see test/setup/global-db.ts).
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { inject } from 'vitest';
import { createKnex } from '../../src/db/knex.js';
import { migrateLatest } from '../../src/db/migrate.js';

export interface TestDatabase {
  url: string;
  knex: Knex;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database; `migrated: true` applies migrations/ to it. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `ferry_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  const knex = createKnex(url.toString());
  if (options.migrated) await migrateLatest(knex);
  return {
    url: url.toString(),
    knex,
    async drop() {
      await knex.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export function createMigratedTestDatabase(): Promise<TestDatabase> {
  return createTestDatabase({ migrated: true });
}
