// The shared Intercom rate windows (migration 20261205000500): one atomic statement leases up to `want`
// calls of the current window to the caller, across every process that shares the database.
import { z } from 'zod';
import { countNumber, type Db } from './shared.js';

export interface Lease {
  /** Calls granted (0 when the window is spent). */
  granted: number;
  /** When the window the grant belongs to ends (epoch ms, the database's clock). */
  windowEndsMs: number;
}

const leaseRow = z.object({ granted: countNumber, window_no: countNumber });

/**
 * Takes up to `want` calls from the current window of `key` (windows of `windowMs`, at most `limit` calls
 * each). One statement: an upsert whose SET sees the row's old values, so `last_grant` is exactly what
 * this caller got, even with other processes leasing at the same moment (the row lock orders them).
 */
export async function leaseCalls(
  db: Db,
  o: { key: string; want: number; limit: number; windowMs: number },
): Promise<Lease> {
  const result = await db.raw<{ rows: unknown[] }>(
    `with p as (select cast(:key as text) as key, cast(:want as int) as want, cast(:limit as int) as lim,
                       floor(extract(epoch from clock_timestamp()) * 1000 / cast(:windowMs as bigint))::bigint as no)
     insert into intercom_rate_windows as w (budget_key, window_no, used, last_grant)
       select p.key, p.no, least(p.want, p.lim), least(p.want, p.lim) from p
     on conflict (budget_key) do update set
       window_no = greatest(w.window_no, excluded.window_no),
       used = case when w.window_no >= excluded.window_no
                   then greatest(w.used, least(w.used + (select want from p), (select lim from p)))
                   else excluded.used end,
       last_grant = case when w.window_no >= excluded.window_no
                         then greatest(0, least(w.used + (select want from p), (select lim from p)) - w.used)
                         else excluded.used end
     returning last_grant as granted, window_no`,
    { key: o.key, want: o.want, limit: o.limit, windowMs: o.windowMs },
  );
  const row = leaseRow.parse(result.rows[0]);
  return { granted: row.granted, windowEndsMs: (row.window_no + 1) * o.windowMs };
}
