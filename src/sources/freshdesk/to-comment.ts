// Raw conversations (and the ticket's description, which Freshdesk keeps on the ticket rather than as a
// conversation) → canonical Comments (pure).
import type { Attachment, Comment } from '../../model/canonical.js';
import type { RecordReadError } from '../connector.js';
import { parseEach } from '../shared/parse.js';
import { rawAttachmentSchema, type RawConversation, type RawTicket } from './raw-schemas.js';
import { toUtc } from './utc.js';
import { SOURCE_OUTBOUND_EMAIL } from './vocabulary.js';

/** The id Ferry gives a ticket's first message (Freshdesk gives it none). */
export function descriptionCommentId(ticketId: string): string {
  return `${ticketId}-description`;
}

export function toAttachments(
  items: unknown[] | null | undefined,
  html: string,
): {
  attachments: Attachment[];
  errors: RecordReadError[];
} {
  const parsed = parseEach('comments', rawAttachmentSchema, items ?? [], (raw) => {
    // An inline image is an attachment whose URL appears in the body (that exact string is its marker).
    const inline = raw.inline === true || html.includes(raw.attachment_url);
    const attachment: Attachment = {
      id: raw.id,
      fileName: raw.name ?? `attachment-${raw.id}`,
      contentType: raw.content_type ?? 'application/octet-stream',
      size: raw.size ?? raw.file_size ?? null,
      url: raw.attachment_url,
      inline,
      inlineRef: inline && html.includes(raw.attachment_url) ? raw.attachment_url : null,
    };
    return attachment;
  });
  return { attachments: parsed.records, errors: parsed.errors };
}

export function descriptionToComment(raw: RawTicket): { comment: Comment; errors: RecordReadError[] } {
  const html = raw.description ?? '';
  const { attachments, errors } = toAttachments(raw.attachments, html);
  // An outbound e-mail was written by an agent to the requester: Freshdesk names no author for the
  // description, and the sending agent is the ticket's responder (null: an unknown agent, never the requester).
  const outbound = raw.source === SOURCE_OUTBOUND_EMAIL;
  return {
    comment: {
      id: descriptionCommentId(raw.id),
      ticketId: raw.id,
      authorId: outbound ? (raw.responder_id ?? null) : (raw.requester_id ?? null),
      authorRole: outbound ? 'agent' : 'end-user',
      public: true,
      html,
      plain: raw.description_text ?? '',
      createdAt: toUtc(raw.created_at),
      attachments,
      ccEmails: raw.cc_emails,
    },
    errors,
  };
}

export function toComment(
  raw: RawConversation,
  ticketId: string,
  agentIds: ReadonlySet<string>,
): { comment: Comment; errors: RecordReadError[] } {
  const html = raw.body ?? '';
  const { attachments, errors } = toAttachments(raw.attachments, html);
  const authorId = raw.user_id ?? null;
  // `incoming` marks what came from outside (the customer); everything else was written in the help desk.
  const authorRole =
    raw.incoming === true
      ? 'end-user'
      : authorId !== null && agentIds.has(authorId)
        ? 'agent'
        : authorId === null
          ? 'system'
          : 'unknown';
  return {
    comment: {
      id: raw.id,
      ticketId,
      authorId,
      authorRole,
      public: raw.private !== true,
      html,
      plain: raw.body_text ?? '',
      createdAt: toUtc(raw.created_at),
      attachments,
      ccEmails: raw.cc_emails,
    },
    errors,
  };
}
