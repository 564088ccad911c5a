// The plan of a targeted delta (live catch-up, issue 16): instead of reading what changed since the last
// watermark, it re-reads exactly the records the source's deliveries named, plus the people and companies
// those tickets need that Ferry has not migrated yet. The stages after it are a delta's: new comments are
// appended, changed fields, tags and state updated, new records created, deletions reported (the ledger and
// its hashes make a duplicate or out-of-order delivery a no-op). One checkpoint per entity: a plan that
// crashed re-reads only what it had not staged.
import { z } from 'zod';
import type { Contact, Ticket } from '../model/canonical.js';
import { ticketMatchesFilters } from '../transform/filters.js';
import type { StageContext } from './context.js';
import { EXTRACT_DONE, extracted } from './extract.js';
import { markResults } from './ledger.js';
import { companiesNeeded, DELETED_IN_SOURCE, usersNeededByTickets } from './plan.js';
import { mergePlan, saveCursor } from './run-state.js';
import { stageRecords } from './staging.js';

export const targetsSchema = z.object({
  tickets: z.array(z.string()).default([]),
  contacts: z.array(z.string()).default([]),
  companies: z.array(z.string()).default([]),
});
export type Targets = z.infer<typeof targetsSchema>;

export async function stageTargets(ctx: StageContext, targets: Targets): Promise<void> {
  const entities = new Set(ctx.settings.entities);
  const wantsTickets = entities.has('tickets');
  if (wantsTickets) await stageTargetTickets(ctx, targets.tickets);
  if (entities.has('contacts') || wantsTickets) await stageTargetContacts(ctx, targets.contacts);
  if (entities.has('companies') || wantsTickets) await stageTargetCompanies(ctx, targets.companies);
}

async function stageTargetTickets(ctx: StageContext, ids: string[]): Promise<void> {
  if (extracted(ctx, 'tickets')) return;
  const inScope: Ticket[] = [];
  const deleted: string[] = [];
  for (const id of ids) {
    const t = await ctx.connector.getTicket(id, ctx.signal);
    if (!t || t.status === 'deleted') deleted.push(id);
    else if (ticketMatchesFilters(t, ctx.settings.filters)) inScope.push(t);
  }
  await ctx.db.transaction(async (trx) => {
    await stageRecords(
      trx,
      ctx.run.id,
      'tickets',
      inScope.map((t) => ({ sourceId: t.id, payload: t })),
    );
    await markResults(
      trx,
      ctx.migration.id,
      'tickets',
      ctx.run.id,
      deleted.map((sourceId) => ({ sourceId, status: 'skipped' as const, reason: DELETED_IN_SOURCE })),
    );
    await saveCursor(trx, ctx.run.id, 'extract:tickets', EXTRACT_DONE);
  });
  // A handful of tickets: their comments are read one ticket at a time, never through the bulk export.
  await mergePlan(ctx.db, ctx.run.id, { commentsMode: 'per-ticket' });
}

/** The ids among `ids` that the ledger does not hold as migrated. */
async function notMigrated(ctx: StageContext, entity: string, ids: Set<string>): Promise<string[]> {
  if (ids.size === 0) return [];
  const migrated = await ctx
    .db('ledger')
    .where({ migration_id: ctx.migration.id, entity, status: 'migrated' })
    .whereIn('source_id', [...ids])
    .pluck<string[]>('source_id');
  const have = new Set(migrated);
  return [...ids].filter((id) => !have.has(id));
}

async function stageTargetContacts(ctx: StageContext, targeted: string[]): Promise<void> {
  if (extracted(ctx, 'contacts') || !ctx.connector.readContacts) return;
  const needed = await usersNeededByTickets(ctx.db, ctx.run.id);
  const ids = new Set([...targeted, ...(await notMigrated(ctx, 'contacts', needed))]);
  const read =
    ids.size > 0 ? await ctx.connector.readContacts([...ids], ctx.signal) : { records: [], errors: [] };
  // As a delta keeps them: a deleted end user only when a ticket of the run needs them; otherwise reported.
  const keep: Contact[] = read.records.filter((c) => !c.deleted || needed.has(c.id));
  const gone = read.records.filter((c) => c.deleted && !needed.has(c.id));
  await ctx.db.transaction(async (trx) => {
    await stageRecords(
      trx,
      ctx.run.id,
      'contacts',
      keep.map((c) => ({ sourceId: c.id, payload: c })),
    );
    await markResults(trx, ctx.migration.id, 'contacts', ctx.run.id, [
      ...gone.map((c) => ({ sourceId: c.id, status: 'skipped' as const, reason: DELETED_IN_SOURCE })),
      ...read.errors.map((e) => ({
        sourceId: e.sourceId,
        status: 'failed' as const,
        reason: `could not read it from the source: ${e.reason}`,
      })),
    ]);
    await saveCursor(trx, ctx.run.id, 'extract:contacts', EXTRACT_DONE);
  });
}

async function stageTargetCompanies(ctx: StageContext, targeted: string[]): Promise<void> {
  if (extracted(ctx, 'companies') || !ctx.connector.readCompanies) return;
  const needed = await companiesNeeded(ctx.db, ctx.run.id);
  const ids = new Set([...targeted, ...(await notMigrated(ctx, 'companies', needed))]);
  const read =
    ids.size > 0 ? await ctx.connector.readCompanies([...ids], ctx.signal) : { records: [], errors: [] };
  await ctx.db.transaction(async (trx) => {
    await stageRecords(
      trx,
      ctx.run.id,
      'companies',
      read.records.map((c) => ({ sourceId: c.id, payload: c })),
    );
    await markResults(
      trx,
      ctx.migration.id,
      'companies',
      ctx.run.id,
      read.errors.map((e) => ({
        sourceId: e.sourceId,
        status: 'failed' as const,
        reason: `could not read it from the source: ${e.reason}`,
      })),
    );
    await saveCursor(trx, ctx.run.id, 'extract:companies', EXTRACT_DONE);
  });
}
