// The bulk comment stream's completeness check (Zendesk's ticket-events export). A ticket that has a
// description in the source has at least one comment (its first), so a ticket the stream staged none for,
// and that has no comment from an earlier run either, lost them on the way (a scope the export left out,
// an event it could not read): its comments are read again on their own before it loads. A ticket still
// without any then carries the loss in its ledger reason.
import type { Ticket } from '../model/canonical.js';
import type { StageContext } from './context.js';
import { stageComments } from './comment-staging.js';
import { markResults } from './ledger.js';
import { planOf } from './plan.js';

export const NO_COMMENTS_FOUND =
  'its description says it has comments, yet neither Zendesk’s ticket-events export nor its comments read on their own gave any';

/** Re-reads the comments of the page's tickets the stream staged none for; ticket id → note for those still without. */
export async function completeStreamedComments(
  ctx: StageContext,
  tickets: readonly Ticket[],
): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (planOf(ctx).commentsMode !== 'streamed') return notes;
  const described = tickets.filter((t) => t.description.trim() !== '').map((t) => t.id);
  if (described.length === 0) return notes;
  const [staged, earlier] = await Promise.all([
    ctx
      .db('staged_comment_events')
      .where({ run_id: ctx.run.id })
      .whereIn('ticket_source_id', described)
      .distinct<{ id: string }[]>({ id: 'ticket_source_id' }),
    ctx
      .db('ledger')
      .where({ migration_id: ctx.migration.id, entity: 'comments' })
      .whereIn('parent_source_id', described)
      .distinct<{ id: string }[]>({ id: 'parent_source_id' }),
  ]);
  const have = new Set([...staged, ...earlier].map((r) => r.id));
  const missing = described.filter((id) => !have.has(id));
  if (missing.length === 0) return notes;
  ctx.logger.warn(
    { tickets: missing },
    'the events export staged no comment of these tickets: reading them per ticket',
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
    });
    if (result.comments.length === 0) notes.set(result.ticketId, NO_COMMENTS_FOUND);
  }
  return notes;
}
