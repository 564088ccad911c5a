// The bulk comment stream's completeness check (Zendesk's ticket-events export). A ticket that has a
// description in the source has at least one comment (its first), so a ticket the stream staged none for,
// and that has no comment from an earlier run either, lost them on the way (a scope the export left out);
// a ticket with an event the export could not read may have lost some. Their comments are read again on
// their own before they load (the unreadable events' failed rows then go: the ticket's own read replaces
// them). A ticket still without any comment carries the loss in its ledger reason.
import type { Ticket } from '../model/canonical.js';
import { UNREAD_EVENT_PREFIX } from '../sources/connector.js';
import type { StageContext } from './context.js';
import { stageComments } from './comment-staging.js';
import { markResults } from './ledger.js';
import { planOf } from './plan.js';

export const NO_COMMENTS_FOUND =
  'its description says it has comments, yet neither Zendesk’s ticket-events export nor its comments read on their own gave any';

/** Tickets (of these) with a failed row for an event the export could not read. */
async function withUnreadEvents(ctx: StageContext, ticketIds: readonly string[]): Promise<string[]> {
  const rows = await ctx
    .db('ledger')
    .where({ migration_id: ctx.migration.id, entity: 'comments', status: 'failed' })
    .where('source_id', 'like', `${UNREAD_EVENT_PREFIX}%`)
    .whereIn('parent_source_id', [...ticketIds])
    .distinct<{ id: string }[]>({ id: 'parent_source_id' });
  return rows.map((r) => r.id);
}

/** Tickets (of these) with a comment staged by this run or migrated by an earlier one. */
async function withComments(ctx: StageContext, ticketIds: readonly string[]): Promise<Set<string>> {
  const [staged, earlier] = await Promise.all([
    ctx
      .db('staged_comment_events')
      .where({ run_id: ctx.run.id })
      .whereIn('ticket_source_id', [...ticketIds])
      .distinct<{ id: string }[]>({ id: 'ticket_source_id' }),
    ctx
      .db('ledger')
      .where({ migration_id: ctx.migration.id, entity: 'comments' })
      .whereNot('source_id', 'like', `${UNREAD_EVENT_PREFIX}%`)
      .whereIn('parent_source_id', [...ticketIds])
      .distinct<{ id: string }[]>({ id: 'parent_source_id' }),
  ]);
  return new Set([...staged, ...earlier].map((r) => r.id));
}

/** Re-reads the comments of the page's tickets the stream lost; ticket id → note for those still without. */
export async function completeStreamedComments(
  ctx: StageContext,
  tickets: readonly Ticket[],
): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (planOf(ctx).commentsMode !== 'streamed' || tickets.length === 0) return notes;
  const described = tickets.filter((t) => t.description.trim() !== '').map((t) => t.id);
  const have = described.length > 0 ? await withComments(ctx, described) : new Set<string>();
  const missing = [
    ...new Set([
      ...described.filter((id) => !have.has(id)),
      ...(await withUnreadEvents(
        ctx,
        tickets.map((t) => t.id),
      )),
    ]),
  ];
  if (missing.length === 0) return notes;
  ctx.logger.warn(
    { tickets: missing },
    'the events export gave no comment of these tickets, or could not read one of their events: reading them per ticket',
  );
  for await (const result of ctx.connector.readComments(missing, ctx.signal)) {
    await ctx.db.transaction(async (trx) => {
      await stageComments(trx, ctx.run.id, result.comments);
      await markResults(
        trx,
        ctx.migration.id,
        'comments',
        ctx.run.id,
        result.errors.map((e) => ({
          sourceId: e.sourceId,
          status: 'failed' as const,
          reason: `could not read it from the source: ${e.reason}`,
          parentSourceId: result.ticketId,
        })),
      );
      // The ticket's own read replaces what the export could not give.
      if (result.errors.length === 0)
        await trx('ledger')
          .where({ migration_id: ctx.migration.id, entity: 'comments', parent_source_id: result.ticketId })
          .where('source_id', 'like', `${UNREAD_EVENT_PREFIX}%`)
          .delete();
    });
    if (result.comments.length === 0 && described.includes(result.ticketId))
      notes.set(result.ticketId, NO_COMMENTS_FOUND);
  }
  return notes;
}
