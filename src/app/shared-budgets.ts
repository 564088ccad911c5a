// Every Intercom client this process makes for a workspace takes its calls from one budget shared, through
// the database, with every other Ferry process working for that workspace (shared-rate-budget.ts).
import type { Knex } from 'knex';
import { leaseCalls } from '../db/repositories/rate-windows.js';
import { budgetRegistry, type RateBudget } from '../intercom/rate-budget.js';
import { APP_CALLS_PER_WINDOW, WINDOW_MS, createSharedRateBudget } from '../intercom/shared-rate-budget.js';

export function sharedWorkspaceBudgets(
  knex: Knex,
  o: { limit?: number; windowMs?: number; batch?: number } = {},
): (key: string) => RateBudget {
  const limit = o.limit ?? APP_CALLS_PER_WINDOW;
  const windowMs = o.windowMs ?? WINDOW_MS;
  return budgetRegistry((key) =>
    createSharedRateBudget({
      lease: (want) => leaseCalls(knex, { key, want, limit, windowMs }),
      ...(o.batch ? { batch: o.batch } : {}),
    }),
  );
}
