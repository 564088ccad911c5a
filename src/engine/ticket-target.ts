// A source ticket as an Intercom ticket (the default target): created with ferry_source_id among its ticket
// attributes, so a ticket whose creation answer was lost is found again by searching that attribute.
import { toTicketCreate, toTicketUpdate } from '../transform/to-ticket.js';
import { toTicketParts } from '../transform/to-ticket-parts.js';
import { sourceRef } from '../transform/source-ref.js';
import type { StageContext } from './context.js';
import { markResult } from './ledger.js';
import { attachmentResults, writeParts, type PartTarget } from './parts-writer.js';
import { recordTicketChildren } from './ticket-comments.js';
import {
  skipComments,
  tagTicket,
  ticketHash,
  type TicketDone,
  type TicketInput,
  type TicketStageShared,
  writableRow,
} from './load-tickets.js';
import { writeOnce } from './write-once.js';

async function findTicket(
  ctx: StageContext,
  shared: TicketStageShared,
  input: TicketInput,
  createdAt: number,
): Promise<string | null> {
  const attributeId = shared.stored.ticketSourceAttributeId;
  const query = attributeId
    ? {
        field: `ticket_attribute.${attributeId}`,
        operator: '=' as const,
        value: sourceRef(ctx.platform, input.ticket.id),
      }
    : {
        operator: 'AND' as const,
        value: [
          { field: 'contact_ids', operator: '=' as const, value: input.requesterContactId },
          { field: 'created_at', operator: '=' as const, value: createdAt },
        ],
      };
  const found = await ctx.intercom.searchTickets({ query });
  return found.tickets[0]?.id ?? null;
}

export function ticketPartTarget(ctx: StageContext, ticketId: string): PartTarget {
  return {
    reply: async (body) => (await ctx.intercom.replyToTicket(ticketId, body)).id,
    latestParts: async () => (await ctx.intercom.getTicket(ticketId)).ticket_parts?.ticket_parts ?? [],
  };
}

export async function loadAsTicket(
  ctx: StageContext,
  shared: TicketStageShared,
  input: TicketInput,
): Promise<TicketDone> {
  const { ticket, existing } = input;
  const { ref } = shared;
  const key = { migrationId: ctx.migration.id, entity: 'tickets', sourceId: ticket.id };
  const create = toTicketCreate(ticket, ref, {
    requesterContactId: input.requesterContactId,
    companyId: input.companyId,
  });
  const update = toTicketUpdate(ticket, ref, { afterCreate: false });
  const hash = ticketHash(
    { create: create.body, update: update?.body ?? null, tags: ticket.tags },
    ctx.settings,
  );
  if (existing?.status === 'migrated' && existing.source_hash === hash && input.allCommentsDone)
    return 'unchanged';

  const outcome = await writeOnce(ctx.write, {
    key,
    existing: writableRow(existing),
    reconcile: () => findTicket(ctx, shared, input, create.body.created_at),
    reconcileLags: true,
    write: async () => (await ctx.intercom.createTicket(create.body)).id,
  });
  if (outcome.status !== 'migrated') {
    await skipComments(ctx, ticket.id, input.comments, `its ticket was not migrated: ${outcome.reason}`);
    return 'failed';
  }
  const ticketId = outcome.targetId;
  // A delta: the source ticket changed since it was last completed → its attributes and state again.
  const changed = existing?.source_hash != null && existing.source_hash !== hash;
  if (changed && update) await ctx.intercom.updateTicket(ticketId, update.body);

  const planned = toTicketParts(
    { ticket, comments: input.comments, events: input.events, requester: input.requester },
    ref,
    input.lookups,
    'tickets',
    new Set(ticket.requesterId ? [ticket.requesterId] : []),
  );
  const parts = await writeParts(
    ctx,
    ticket.id,
    ticketPartTarget(ctx, ticketId),
    planned.parts,
    input.rewrittenLinks,
  );
  await recordTicketChildren(
    ctx,
    ticket.id,
    input.comments,
    parts,
    planned,
    attachmentResults(ticket.id, parts.attachments, planned.skippedAttachments),
  );

  // Tags and state last, so replies do not reopen a solved ticket. Both are idempotent.
  if (existing?.source_hash == null || changed) {
    await tagTicket(ctx, shared, ticket, (tagId) =>
      ctx.intercom.tagTicket(ticketId, tagId, ref.fallbackAdminId),
    );
    if (!changed) {
      const state = toTicketUpdate(ticket, ref, { afterCreate: true });
      if (state) await ctx.intercom.updateTicket(ticketId, state.body);
    }
  }
  const notes = [...input.notes, ...create.notes];
  await markResult(ctx.db, key, ctx.run.id, {
    status: 'migrated',
    targetId: ticketId,
    hash,
    reason: notes.join('; ') || null,
  });
  return 'written';
}
