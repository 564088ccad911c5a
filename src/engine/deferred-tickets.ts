// The tickets stage's end: tickets whose creation may have been applied but cannot be seen yet, because the
// only way to find them is Intercom's search and its index lags writes (WriteDeferred). Their ledger rows stay
// pending, so this survives a crash: once the stage has loaded everything else, it waits until each such row
// has been pending longer than the search lag, then loads the ticket again (a search miss then means absent).
import type { Ticket } from '../model/canonical.js';
import { ticketSchema } from '../model/canonical.js';
import type { StageContext } from './context.js';
import type { StagedRecord } from './staging.js';
import { DEFAULT_SEARCH_SETTLE_MS } from './write-once.js';

interface PendingTicket {
  record: StagedRecord<Ticket>;
  ageMs: number;
}

/** The run's staged tickets whose ledger row is pending, with how long it has been (database clock). */
async function pendingTickets(ctx: StageContext): Promise<PendingTicket[]> {
  const rows = await ctx
    .db('run_records as r')
    .join('ledger as l', (j) =>
      j
        .on('l.source_id', 'r.source_id')
        .andOnVal('l.migration_id', ctx.migration.id)
        .andOnVal('l.entity', 'tickets')
        .andOnVal('l.status', 'pending'),
    )
    .where({ 'r.run_id': ctx.run.id, 'r.entity': 'tickets' })
    .orderBy('r.id')
    .select<{ id: string; source_id: string; payload: unknown; age: string | number }[]>(
      'r.id',
      'r.source_id',
      'r.payload',
      ctx.db.raw('extract(epoch from (now() - l.updated_at)) * 1000 as age'),
    );
  return rows.map((r) => ({
    record: { seq: Number(r.id), sourceId: r.source_id, payload: ticketSchema.parse(r.payload) },
    ageMs: Number(r.age),
  }));
}

/** Sleeps up to `ms`, waking early when the stage must stop. Resolves false when it must. */
async function waitUnlessStopped(ctx: StageContext, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (ctx.shouldStop()) return false;
    await new Promise((r) => setTimeout(r, Math.min(500, until - Date.now())));
  }
  return !ctx.shouldStop();
}

/**
 * Loads the deferred tickets once their rows are older than the search lag; repeats while some are left
 * (a ticket whose new write lost its answer is deferred again). Resolves false when the stage must stop.
 */
export async function settleDeferredTickets(
  ctx: StageContext,
  load: (records: StagedRecord<Ticket>[]) => Promise<void>,
): Promise<boolean> {
  const settleMs = ctx.deps.searchSettleMs ?? DEFAULT_SEARCH_SETTLE_MS;
  for (;;) {
    const pending = await pendingTickets(ctx);
    if (pending.length === 0) return true;
    const ripe = pending.filter((p) => p.ageMs >= settleMs);
    if (ripe.length === 0) {
      const wait = settleMs - Math.max(...pending.map((p) => p.ageMs));
      ctx.logger.debug({ tickets: pending.length, waitMs: wait }, 'waiting for Intercom search to settle');
      if (!(await waitUnlessStopped(ctx, Math.max(50, wait)))) return false;
      continue;
    }
    await load(ripe.map((p) => p.record));
    if (ctx.shouldStop()) return false;
  }
}
