// /readyz's check (src/http/health.ts Readiness): the database answers and every migration is applied.
import type { Knex } from 'knex';
import { pendingMigrations } from './migrate.js';

export function databaseReadiness(knex: Knex): {
  check(): Promise<{ ready: true } | { ready: false; reason: string }>;
} {
  return {
    async check() {
      await knex.raw('SELECT 1');
      const pending = await pendingMigrations(knex);
      if (pending.length > 0) return { ready: false, reason: `migrations pending: ${pending.join(', ')}` };
      return { ready: true };
    },
  };
}
