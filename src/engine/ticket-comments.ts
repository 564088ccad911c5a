// After a ticket's parts are written: one ledger row per source comment (the counted entity), migrated when
// all its parts are (with the mapper's note of what it lost, if any), failed with the part's reason
// otherwise, skipped with the mapper's reason.
import type { Comment } from '../model/canonical.js';
import type { StageContext } from './context.js';
import { markResultsOf, type EntityResult } from './ledger.js';
import type { PartsResult } from './parts-writer.js';
import type { TicketPartsResult } from '../transform/to-ticket-parts.js';

/**
 * Records a ticket's comments with its attachments' outcomes (attachmentResults), in one statement.
 */
export async function recordTicketChildren(
  ctx: StageContext,
  ticketId: string,
  comments: readonly Comment[],
  parts: PartsResult,
  planned: Pick<TicketPartsResult, 'skippedComments' | 'commentNotes'>,
  attachments: readonly EntityResult[],
  opener?: { commentId: string; targetId: string },
): Promise<void> {
  const skippedById = new Map(planned.skippedComments.map((s) => [s.commentId, s.reason]));
  const noteById = new Map(planned.commentNotes.map((n) => [n.commentId, n.note]));
  const rows = comments.map((c, position): EntityResult => {
    const base = { entity: 'comments', sourceId: c.id, parentSourceId: ticketId, position };
    if (opener?.commentId === c.id)
      return { ...base, status: 'migrated' as const, targetId: opener.targetId };
    const reason = skippedById.get(c.id);
    if (reason !== undefined) return { ...base, status: 'skipped' as const, reason };
    const outcomes = [...parts.outcomes.entries()]
      .filter(([key]) => key === `comment:${c.id}` || key.startsWith(`comment:${c.id}#`))
      .map(([, o]) => o);
    for (const o of outcomes)
      if (o.status !== 'migrated') return { ...base, status: 'failed' as const, reason: o.reason };
    const first = outcomes[0];
    if (!first || first.status !== 'migrated') {
      return { ...base, status: 'failed' as const, reason: 'no part was planned for this comment' };
    }
    return {
      ...base,
      status: 'migrated' as const,
      targetId: first.targetId,
      reason: noteById.get(c.id) ?? null,
    };
  });
  await markResultsOf(ctx.db, ctx.migration.id, ctx.run.id, [...attachments, ...rows]);
}
