// Tickets → conversations (setting target: conversations). 2.16 create_conversation_request: opened by a
// contact, plain text ("HTML is not supported"), attachment_urls only, created_at accepted, no
// skip_notifications. The requester opens it with the first comment's text when that comment is theirs and
// public; otherwise with "Ticket #N: subject", and the first comment follows as a part. Afterwards: the
// ferry_source_id and mapped attributes (update), CC'd contacts as participants, assignment and close.
import type { Comment, Ticket } from '../model/canonical.js';
import type {
  AssignConversationBody,
  AttachParticipantBody,
  CloseConversationBody,
  ConversationCreateBody,
  ConversationUpdateBody,
} from './intercom-bodies.js';
import type { IdLookups, ReferenceData } from './reference.js';
import type { Mapped } from './to-contact.js';
import { planAttachments, type PlannedAttachment, type SkippedAttachment } from './attachments.js';
import { assigneeAdminId } from './author.js';
import { htmlToText } from './html.js';
import { toUnixSeconds } from './source-ref.js';
import { teamIdFor, ticketAttributes, ticketStateCategory, ticketTitle } from './to-ticket.js';
import { commentHtml, type PartPlan } from './to-reply.js';

export interface ConversationOpening {
  body: ConversationCreateBody;
  /** Files for attachment_urls (the engine signs a PUBLIC_URL link for each). */
  attachments: PlannedAttachment[];
  /** The comment the opener carries (null when it says "Ticket #N: subject"). */
  openedWith: string | null;
  /** Files of the opening comment beyond the first part, as continuation parts by the requester. */
  continuation: PartPlan[];
  skippedAttachments: SkippedAttachment[];
}

/** Whether the first comment can open the conversation: public, not an agent's, and written by the requester. */
function opensWithComment(ticket: Ticket, first: Comment | undefined): first is Comment {
  return (
    !!first &&
    first.public &&
    first.authorRole !== 'agent' &&
    first.authorId !== null &&
    first.authorId === ticket.requesterId
  );
}

export function toConversationOpening(
  ticket: Ticket,
  comments: readonly Comment[],
  ref: Pick<ReferenceData, 'settings'>,
  requesterContactId: string,
): ConversationOpening {
  const first = comments[0];
  const from = { type: 'user' as const, id: requesterContactId };
  if (!opensWithComment(ticket, first)) {
    return {
      body: {
        from,
        body: `Ticket #${ticket.number}: ${ticket.subject.trim() || '(no subject)'}`,
        created_at: toUnixSeconds(ticket.createdAt),
      },
      attachments: [],
      openedWith: null,
      continuation: [],
      skippedAttachments: [],
    };
  }
  const { html, inlineUsed } = commentHtml(first);
  const plan = planAttachments(first.attachments, inlineUsed, ref.settings);
  const createdAt = toUnixSeconds(first.createdAt);
  const [opening = [], ...rest] = plan.chunks;
  const continuation = rest.map((files, i): PartPlan => ({
    key: `comment:${first.id}#${i + 2}`,
    sourceCommentId: first.id,
    body: {
      message_type: 'comment',
      type: 'user',
      intercom_user_id: requesterContactId,
      body: `Attachments, continued (${i + 2} of ${plan.chunks.length})`,
      created_at: createdAt,
    },
    transport: 'files',
    attachments: files,
  }));
  return {
    body: { from, body: htmlToText(html) || first.plain.trim() || 'Attachments', created_at: createdAt },
    attachments: opening,
    openedWith: first.id,
    continuation,
    skippedAttachments: plan.skipped,
  };
}

/** PUT /conversations/{id}: title, ferry_source_id and mapped ticket fields, company. */
export function toConversationUpdate(
  ticket: Ticket,
  ref: Pick<
    ReferenceData,
    'platform' | 'settings' | 'fields' | 'ticketType' | 'agents' | 'admins' | 'fallbackAdminId'
  >,
  companyId: string | null,
): Mapped<ConversationUpdateBody> {
  const { attributes, notes } = ticketAttributes(ticket, ref, 'conversation');
  return {
    body: {
      title: ticketTitle(ticket, ref.settings),
      custom_attributes: attributes,
      ...(companyId ? { company_id: companyId } : {}),
    },
    notes,
  };
}

/** CC'd users who are migrated contacts become participants; the rest are named in the CC note. */
export function toParticipants(
  ticket: Ticket,
  lookups: IdLookups,
  adminId: string,
): { bodies: AttachParticipantBody[]; sourceIds: Set<string> } {
  const sourceIds = new Set<string>();
  const bodies: AttachParticipantBody[] = [];
  for (const id of ticket.ccIds) {
    const contactId = lookups.contactId(id);
    if (contactId === null || id === ticket.requesterId || sourceIds.has(id)) continue;
    sourceIds.add(id);
    bodies.push({ admin_id: adminId, customer: { intercom_user_id: contactId } });
  }
  return { bodies, sourceIds };
}

/** Assignment parts: to the mapped teammate and the mapped team. */
export function toConversationAssignments(
  ticket: Ticket,
  ref: Pick<ReferenceData, 'agents' | 'admins' | 'fallbackAdminId' | 'settings'>,
): AssignConversationBody[] {
  const out: AssignConversationBody[] = [];
  const admin = assigneeAdminId(ticket.assigneeId, ref);
  const team = teamIdFor(ticket.groupId, ref.settings);
  if (admin)
    out.push({
      message_type: 'assignment',
      type: 'admin',
      admin_id: ref.fallbackAdminId,
      assignee_id: admin,
    });
  if (team)
    out.push({ message_type: 'assignment', type: 'team', admin_id: ref.fallbackAdminId, assignee_id: team });
  return out;
}

/** A close part for solved and closed tickets; null for open ones. */
export function toConversationClose(
  ticket: Ticket,
  ref: Pick<ReferenceData, 'fallbackAdminId'>,
): CloseConversationBody | null {
  return ticketStateCategory(ticket.status) === 'resolved'
    ? { message_type: 'close', type: 'admin', admin_id: ref.fallbackAdminId }
    : null;
}
