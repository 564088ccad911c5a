// `ferry verify` of a run whose staging is gone (it ended: finalise drops it): the records the run migrated
// are read again from the source, through the connector, into the run's staging, so the verify stage can
// compare them as usual; the caller clears the staging after. The source as it is now: a record changed
// there since the run shows as a mismatch.
import type { EntityName } from '../model/canonical.js';
import type { StageContext } from './context.js';
import { stageComments } from './comment-staging.js';
import { outcomeRows, outcomesKept } from './run-outcomes.js';
import { countStaged, stageRecords } from './staging.js';
import { VERIFIED_ENTITIES } from './verify-results.js';

const BATCH = 100;

/** Whether the run's source records are still staged (the verify stage reads them from there). */
export async function hasStaging(ctx: Pick<StageContext, 'db' | 'run'>): Promise<boolean> {
  for (const entity of VERIFIED_ENTITIES)
    if ((await countStaged(ctx.db, ctx.run.id, entity)) > 0) return true;
  return false;
}

async function migratedIds(ctx: StageContext): Promise<Map<string, Set<string>>> {
  const kept = await outcomesKept(ctx.db, ctx.run.id);
  const rows: { entity: string; source_id: string }[] = await outcomeRows(ctx.db, ctx.run.id, kept, {
    statuses: ['migrated'],
    entities: VERIFIED_ENTITIES,
  });
  const ids = new Map<string, Set<string>>(VERIFIED_ENTITIES.map((e) => [e, new Set()]));
  for (const r of rows) ids.get(r.entity)?.add(r.source_id);
  return ids;
}

/** Stages the run's migrated records as the source has them now; answers how many were found. */
export async function restageFromSource(ctx: StageContext): Promise<number> {
  const ids = await migratedIds(ctx);
  let staged = 0;
  const ticketIds = [...ids.get('tickets')!];
  for (let i = 0; i < ticketIds.length; i += BATCH) {
    const batch = ticketIds.slice(i, i + BATCH);
    const tickets = [];
    for (const id of batch) {
      const ticket = await ctx.connector.getTicket(id, ctx.signal);
      if (ticket) tickets.push({ sourceId: ticket.id, payload: ticket });
    }
    await stageRecords(ctx.db, ctx.run.id, 'tickets', tickets);
    staged += tickets.length;
    for await (const result of ctx.connector.readComments(
      tickets.map((t) => t.sourceId),
      ctx.signal,
    ))
      await stageComments(ctx.db, ctx.run.id, result.comments);
  }
  for (const entity of ['contacts', 'companies', 'articles'] as const satisfies EntityName[]) {
    const wanted = ids.get(entity)!;
    const stream = ctx.connector.streams[entity];
    if (wanted.size === 0 || !stream) continue;
    for await (const page of stream.read({ signal: ctx.signal })) {
      const records = page.records
        .map((r) => ({ sourceId: stream.primaryKey(r as never), payload: r }))
        .filter((r) => wanted.has(r.sourceId));
      await stageRecords(ctx.db, ctx.run.id, entity, records);
      staged += records.length;
    }
  }
  return staged;
}
