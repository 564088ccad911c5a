// One way to make a knex instance on PostgreSQL, so every process configures the pool alike.
import knexFactory, { type Knex } from 'knex';

export function createKnex(url: string, options: { poolMax?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 30_000,
  });
}
