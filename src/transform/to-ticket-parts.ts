// Every part of a migrated ticket or conversation, in the order the engine writes them: the CC/follower and
// requester-fields notes at the ticket's creation, then each comment in source order with its own created_at,
// ticket events (setting) interleaved by time. The engine writes them one after another (the ledger relies on
// that order).
import type { Comment, Contact, Ticket, TicketEvent } from '../model/canonical.js';
import type { IdLookups, ReferenceData } from './reference.js';
import type { SkippedAttachment } from './attachments.js';
import { toCcNote, toEventNote, toRequesterFieldsNote } from './to-notes.js';
import { toReplies, type PartPlan, type TicketTarget } from './to-reply.js';

export interface TicketPartsInput {
  ticket: Ticket;
  /** The ticket's comments in source order (the conversation's opener already removed). */
  comments: readonly Comment[];
  events: readonly TicketEvent[];
  /** The requester's source record, for the requester-fields note. */
  requester: Contact | null;
}

export interface TicketPartsResult {
  parts: PartPlan[];
  skippedComments: { commentId: string; reason: string }[];
  skippedAttachments: SkippedAttachment[];
  /** Comments migrated with something left off, and what (their ledger rows keep it as the reason). */
  commentNotes: { commentId: string; note: string }[];
}

export function toTicketParts(
  input: TicketPartsInput,
  ref: ReferenceData,
  lookups: IdLookups,
  target: TicketTarget,
  /** Source user ids that may reply as themselves (see ReplyContext.repliers). */
  repliers: ReadonlySet<string>,
  /** Ids already on a conversation as participants: left out of the CC note. */
  participants: ReadonlySet<string> = new Set(),
): TicketPartsResult {
  const { ticket } = input;
  const parts: PartPlan[] = [];
  const skippedComments: TicketPartsResult['skippedComments'] = [];
  const skippedAttachments: SkippedAttachment[] = [];
  const commentNotes: TicketPartsResult['commentNotes'] = [];

  const cc = toCcNote(ticket, ref, lookups, participants);
  if (cc) parts.push(cc);
  if (ref.settings.options.requesterFieldsAsNote && input.requester) {
    const fieldsNote = toRequesterFieldsNote(input.requester, ticket, ref);
    if (fieldsNote) parts.push(fieldsNote);
  }

  const events = ref.settings.options.eventsAsNotes
    ? [...input.events].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    : [];
  let e = 0;
  const flushEventsUntil = (until: number) => {
    while (e < events.length && Date.parse(events[e]!.createdAt) < until) {
      const n = toEventNote(events[e]!, ref, lookups);
      if (n) parts.push(n);
      e += 1;
    }
  };
  for (const comment of input.comments) {
    flushEventsUntil(Date.parse(comment.createdAt));
    const r = toReplies(comment, { ref, lookups, target, repliers });
    parts.push(...r.parts);
    skippedAttachments.push(...r.skippedAttachments);
    if (r.skipped) skippedComments.push({ commentId: comment.id, reason: r.skipped });
    if (r.note) commentNotes.push({ commentId: comment.id, note: r.note });
  }
  flushEventsUntil(Infinity);
  return { parts, skippedComments, skippedAttachments, commentNotes };
}
