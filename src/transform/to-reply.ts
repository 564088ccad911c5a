// A source comment → the reply part(s) that carry it, for tickets and conversations alike. Public agent
// comment → teammate reply (comment); private → note; end-user comment → reply by that contact. Where
// Intercom cannot take a reply from that person (a CC'd user on a ticket: a ticket has exactly one contact),
// a public comment stays public as a teammate reply that opens "From NAME: …" (the customer still sees it),
// and a private one is a note that opens the same way; the comment's ledger row names the stand-in writer.
// Every part keeps the comment's created_at; files past attachmentsPerPart continue in further parts.
// skip_notifications wherever the body has it (DESIGN "Silence").
import type { Comment } from '../model/canonical.js';
import type { AdminReplyBody, ContactReplyBody, ReplyBody } from './intercom-bodies.js';
import type { IdLookups, ReferenceData } from './reference.js';
import {
  planAttachments,
  type AttachmentTransport,
  type PlannedAttachment,
  type SkippedAttachment,
} from './attachments.js';
import { originallyWrittenBy, resolveAgent } from './author.js';
import { htmlToText, sanitizeCommentHtml } from './html.js';
import { escapeHtml, toUnixSeconds } from './source-ref.js';

export type TicketTarget = 'tickets' | 'conversations';

/** One Intercom write, with the ledger key it is recorded under and the files the engine adds to it. */
export interface PartPlan {
  /** "comment:<id>", "comment:<id>#2" for continuations, "note:cc:<ticket>", "event:<id>", … */
  key: string;
  sourceCommentId: string | null;
  body: ReplyBody;
  transport: AttachmentTransport;
  attachments: PlannedAttachment[];
}

export interface ReplyContext {
  ref: ReferenceData;
  lookups: IdLookups;
  target: TicketTarget;
  /** Source user ids that may reply as themselves: the requester on a ticket; the contacts of a conversation. */
  repliers: ReadonlySet<string>;
}

export interface RepliesResult {
  parts: PartPlan[];
  skippedAttachments: SkippedAttachment[];
  /** Set when the whole comment is not migrated. */
  skipped: string | null;
  /** What the comment loses on the way (its writer, for one): the reason its migrated ledger row keeps. */
  note: string | null;
}

type Author =
  | { kind: 'admin'; adminId: string; prefix: string; forceNote: boolean; note?: string }
  | { kind: 'contact'; contactId: string }
  | { kind: 'skip'; reason: string };

/** "From NAME <email>:" for end users whose words go out as a teammate's note. */
function fromPrefix(person: { name: string | null; email: string | null } | null): string {
  const name = person?.name?.trim() || person?.email || 'an unknown user';
  const email = person?.email && person.name?.trim() ? ` <${person.email}>` : '';
  return `<p><i>From ${escapeHtml(name + email)}:</i></p>`;
}

/** Decides who writes the comment in Intercom. */
export function commentAuthor(comment: Comment, ctx: ReplyContext): Author {
  const { ref, lookups } = ctx;
  const id = comment.authorId;
  const isAgent = id !== null && ref.agents.has(id);
  if (comment.authorRole === 'agent' || (comment.authorRole !== 'end-user' && isAgent)) {
    const r = resolveAgent(id, ref);
    if (r.kind === 'skip') return r;
    if (r.kind === 'admin') return { kind: 'admin', adminId: r.adminId, prefix: '', forceNote: false };
    return {
      kind: 'admin',
      adminId: r.adminId,
      prefix: originallyWrittenBy(
        // An agent the source no longer lists (deleted, light agent) is still named when the look-up knows them.
        r.reason === 'unknown agent' && id !== null
          ? (lookups.person(id)?.name ?? r.originalName)
          : r.originalName,
      ),
      forceNote: false,
    };
  }
  const contactId = id === null ? null : lookups.contactId(id);
  if (comment.authorRole === 'end-user' || contactId !== null) {
    if (comment.public && contactId !== null && id !== null && ctx.repliers.has(id)) {
      return { kind: 'contact', contactId };
    }
    const person = id === null ? null : lookups.person(id);
    const who = person?.name?.trim() || person?.email || (id === null ? 'an unknown user' : `user ${id}`);
    return {
      kind: 'admin',
      adminId: ref.fallbackAdminId,
      prefix: fromPrefix(person),
      // Private words stay private; public ones stay public, as the fallback teammate's reply naming them.
      forceNote: !comment.public,
      ...(comment.public
        ? {
            note: `written by ${who}, who cannot reply on the Intercom ${ctx.target === 'tickets' ? 'ticket (it has one contact, its requester)' : 'conversation'}: a public teammate reply that names them`,
          }
        : {}),
    };
  }
  const name = (id !== null ? lookups.person(id)?.name : null) ?? 'an automation of the old help desk';
  return { kind: 'admin', adminId: ref.fallbackAdminId, prefix: originallyWrittenBy(name), forceNote: false };
}

/** The comment's HTML (or its plain text, escaped) — sanitised, with inline-image markers. */
export function commentHtml(comment: Pick<Comment, 'html' | 'plain' | 'attachments'>) {
  const source =
    comment.html.trim() !== ''
      ? comment.html
      : comment.plain.trim() === ''
        ? ''
        : `<p>${escapeHtml(comment.plain).replace(/\n/g, '<br>')}</p>`;
  return sanitizeCommentHtml(source, comment.attachments);
}

export function toReplies(comment: Comment, ctx: ReplyContext): RepliesResult {
  const author = commentAuthor(comment, ctx);
  if (author.kind === 'skip')
    return { parts: [], skippedAttachments: [], skipped: author.reason, note: null };
  const { html, inlineUsed } = commentHtml(comment);
  const plan = planAttachments(comment.attachments, inlineUsed, ctx.ref.settings);
  const plain = htmlToText(html);
  const hasText = plain !== '';
  if (!hasText && plan.chunks.length === 0) {
    return {
      parts: [],
      skippedAttachments: plan.skipped,
      skipped: 'empty comment: no text and no attachments',
      note: null,
    };
  }
  const createdAt = toUnixSeconds(comment.createdAt);
  const chunks = plan.chunks.length > 0 ? plan.chunks : [[]];
  const parts = chunks.map((files, i): PartPlan => {
    const continued = i === 0 ? null : `Attachments, continued (${i + 1} of ${chunks.length})`;
    const key = i === 0 ? `comment:${comment.id}` : `comment:${comment.id}#${i + 1}`;
    if (author.kind === 'contact') {
      const text = continued ?? (hasText ? plain : 'Attachments');
      const body: ContactReplyBody = {
        message_type: 'comment',
        type: 'user',
        intercom_user_id: author.contactId,
        body: text,
        created_at: createdAt,
        // Tickets take skip_notifications on every reply; a contact's conversation reply has no such flag.
        ...(ctx.target === 'tickets' ? { skip_notifications: true as const } : {}),
      };
      // 2.16: a contact's ticket reply takes attachment_urls only; a conversation reply attachment_files too.
      const transport: AttachmentTransport = ctx.target === 'tickets' ? 'urls' : 'files';
      return { key, sourceCommentId: comment.id, body, transport, attachments: files };
    }
    const content = continued ? `<p><i>${continued}</i></p>` : hasText ? html : '<p><i>Attachments</i></p>';
    const body: AdminReplyBody = {
      message_type: comment.public && !author.forceNote ? 'comment' : 'note',
      type: 'admin',
      admin_id: author.adminId,
      body: author.prefix + content,
      created_at: createdAt,
      skip_notifications: true,
    };
    return { key, sourceCommentId: comment.id, body, transport: 'files', attachments: files };
  });
  const notes = [...(comment.notes ?? []), ...(author.kind === 'admin' && author.note ? [author.note] : [])];
  const note = notes.length > 0 ? notes.join('; ') : null;
  return { parts, skippedAttachments: plan.skipped, skipped: null, note };
}
