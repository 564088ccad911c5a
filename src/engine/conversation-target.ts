// A source ticket as an Intercom conversation (setting target: conversations). A conversation must be opened
// by a contact (no skip_notifications exists there), then gets ferry_source_id right after; one whose
// creation answer was lost is found again by its contact and created_at.
import { toConversationOpening, toConversationUpdate } from '../transform/to-conversation.js';
import { toTicketParts } from '../transform/to-ticket-parts.js';
import { assigneeAdminId } from '../transform/author.js';
import { teamIdFor } from '../transform/to-ticket.js';
import type { StageContext } from './context.js';
import { markResult } from './ledger.js';
import { resolveAttachments } from './attachment-resolver.js';
import type { ResolvedAttachment } from '../transform/attachments.js';
import { attachmentResults, resolverDeps, writeParts, type PartTarget } from './parts-writer.js';
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
import { migratedEmails } from './load-contacts.js';

export function conversationPartTarget(ctx: StageContext, conversationId: string): PartTarget {
  return {
    reply: async (body) => {
      const conversation = await ctx.intercom.replyToConversation(conversationId, body);
      const parts = conversation.conversation_parts?.conversation_parts ?? [];
      const last = parts[parts.length - 1];
      if (!last)
        throw new Error(`Intercom answered a reply to conversation ${conversationId} without its parts`);
      return last.id;
    },
    latestParts: async () =>
      (await ctx.intercom.getConversation(conversationId)).conversation_parts?.conversation_parts ?? [],
  };
}

export async function loadAsConversation(
  ctx: StageContext,
  shared: TicketStageShared,
  input: TicketInput,
): Promise<TicketDone> {
  const { ticket, existing } = input;
  const { ref } = shared;
  const key = { migrationId: ctx.migration.id, entity: 'tickets', sourceId: ticket.id };
  const opening = toConversationOpening(ticket, input.comments, ref, input.requesterContactId);
  const update = toConversationUpdate(ticket, ref, input.companyId);
  const hash = ticketHash(
    {
      opening: opening.body,
      update: update.body,
      tags: ticket.tags,
      status: ticket.status,
    },
    ctx.settings,
  );
  if (existing?.status === 'migrated' && existing.source_hash === hash && input.allCommentsDone)
    return 'unchanged';

  let urls: ResolvedAttachment[] | undefined;
  const outcome = await writeOnce(ctx.write, {
    key,
    existing: writableRow(existing),
    reconcile: async () => {
      const found = await ctx.intercom.searchConversations({
        query: {
          operator: 'AND',
          value: [
            { field: 'contact_ids', operator: '=', value: input.requesterContactId },
            { field: 'created_at', operator: '=', value: opening.body.created_at },
          ],
        },
      });
      return found.conversations[0]?.id ?? null;
    },
    reconcileLags: true,
    write: async () => {
      urls ??= await resolveAttachments(resolverDeps(ctx), 'urls', opening.attachments);
      const attachmentUrls = urls.flatMap((u) => (u.kind === 'url' ? [u.url] : []));
      return ctx.intercom.createConversation({
        ...opening.body,
        ...(attachmentUrls.length > 0 ? { attachment_urls: attachmentUrls } : {}),
      });
    },
  });
  if (outcome.status !== 'migrated') {
    await skipComments(
      ctx,
      ticket.id,
      input.comments,
      `its conversation was not migrated: ${outcome.reason}`,
    );
    return 'failed';
  }
  const conversationId = outcome.targetId;
  const changed = existing?.source_hash != null && existing.source_hash !== hash;
  // ferry_source_id and the mapped attributes right after creation (an update is idempotent).
  if (existing?.source_hash == null || changed)
    await ctx.intercom.updateConversation(conversationId, update.body);

  const rest = opening.openedWith
    ? input.comments.filter((c) => c.id !== opening.openedWith)
    : input.comments;
  const planned = toTicketParts(
    { ticket, comments: rest, events: input.events, requester: input.requester },
    ref,
    input.lookups,
    'conversations',
    new Set(ticket.requesterId ? [ticket.requesterId] : []),
  );
  const parts = await writeParts(
    ctx,
    ticket.id,
    conversationPartTarget(ctx, conversationId),
    [...opening.continuation, ...planned.parts],
    input.rewrittenLinks,
  );
  // The opening's own files: written with the conversation, or left off with the reason (this run resolved
  // them; a conversation found already created carries what was resolved then).
  const opened = opening.attachments.flatMap((a, i) => {
    const r = urls?.[i];
    if (r?.kind === 'skipped') return [];
    return urls
      ? [{ attachmentId: a.attachmentId, status: 'migrated' as const, targetId: conversationId }]
      : [];
  });
  const openingLosses = opening.attachments.flatMap((a, i) => {
    const r = urls?.[i];
    return r?.kind === 'skipped' ? [{ attachmentId: a.attachmentId, reason: r.reason }] : [];
  });
  await recordTicketChildren(
    ctx,
    ticket.id,
    input.comments,
    parts,
    planned,
    attachmentResults(
      ticket.id,
      [...opened, ...parts.attachments],
      [...openingLosses, ...opening.skippedAttachments, ...planned.skippedAttachments],
    ),
    opening.openedWith ? { commentId: opening.openedWith, targetId: conversationId } : undefined,
  );
  if (existing?.source_hash == null || changed) {
    await tagTicket(ctx, shared, ticket, (tagId) =>
      ctx.intercom.tagConversation(conversationId, tagId, ref.fallbackAdminId),
    );
    await participantsAssignmentAndState(ctx, shared, input, conversationId);
  }
  await markResult(ctx.db, key, ctx.run.id, {
    status: 'migrated',
    targetId: conversationId,
    hash,
    reason: [...input.notes, ...update.notes, ...openingLosses.map((l) => l.reason)].join('; ') || null,
  });
  return 'written';
}

const CLOSED_STATUSES = new Set(['solved', 'closed']);

/**
 * After the parts (so replies do not reopen it): CCs and followers that are contacts join as participants,
 * the mapped teammate and team are assigned, and a solved or closed ticket is closed. None of these calls
 * has skip_notifications in 2.16 (DESIGN "Silence": listed in the checklist).
 */
async function participantsAssignmentAndState(
  ctx: StageContext,
  shared: TicketStageShared,
  input: TicketInput,
  conversationId: string,
): Promise<void> {
  const { ticket, lookups } = input;
  const adminId = shared.ref.fallbackAdminId;
  const participants = new Set<string>();
  const ccByEmail = await migratedEmails(
    ctx,
    ticket.ccEmails.map((e) => e.trim().toLowerCase()),
  );
  for (const contactId of [
    ...[...ticket.ccIds, ...ticket.followerIds].map((userId) => lookups.contactId(userId)),
    ...ccByEmail.values(),
  ]) {
    if (contactId && contactId !== input.requesterContactId) participants.add(contactId);
  }
  for (const contactId of participants) {
    await ctx.intercom.addConversationParticipant(conversationId, {
      admin_id: adminId,
      customer: { intercom_user_id: contactId },
    });
  }
  const admin = assigneeAdminId(ticket.assigneeId, shared.ref);
  const team = teamIdFor(ticket.groupId, ctx.settings);
  if (admin)
    await ctx.intercom.manageConversation(conversationId, {
      message_type: 'assignment',
      type: 'admin',
      admin_id: adminId,
      assignee_id: admin,
    });
  if (team)
    await ctx.intercom.manageConversation(conversationId, {
      message_type: 'assignment',
      type: 'team',
      admin_id: adminId,
      assignee_id: team,
    });
  if (CLOSED_STATUSES.has(ticket.status))
    await ctx.intercom.manageConversation(conversationId, {
      message_type: 'close',
      type: 'admin',
      admin_id: adminId,
    });
}
