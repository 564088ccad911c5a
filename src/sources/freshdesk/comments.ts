// A ticket's comments: its description (the first message, which Freshdesk keeps on the ticket) followed by
// its conversations, oldest first. One call per ticket: GET /tickets/{id}?include=conversations embeds the
// first ten conversations ("up to ten conversations sorted by created_at in ascending order"; QUIRKS.md);
// only when ten come back may there be more, and then the list is read in full from /conversations.
// Archived tickets answer the same include on /tickets/archived/{id} (Freshdesk's archive controller takes
// the ticket includes), so they cost one call too; the tickets stream reads them that way and hands their
// comments to the plan, which keeps them (Page.comments) instead of reading them again.
import type { Comment, Ticket } from '../../model/canonical.js';
import type { CommentsOfTicket, RecordReadError } from '../connector.js';
import type { FreshdeskClient, FreshdeskResponse } from './client.js';
import { listAll } from './paging.js';
import { parseEach } from '../shared/parse.js';
import { rawConversationSchema, rawTicketSchema } from './raw-schemas.js';
import { descriptionToComment, toComment } from './to-comment.js';
import { toTicket } from './to-ticket.js';

/** How many conversations include=conversations embeds (QUIRKS.md: "up to ten"). */
export const EMBEDDED_CONVERSATIONS = 10;

export interface TicketWithComments {
  /** null when the ticket itself could not be read (its errors say why). */
  ticket: Ticket | null;
  comments: Comment[];
  errors: RecordReadError[];
}

export const ticketPath = (id: string, archived: boolean): string =>
  archived ? `/api/v2/tickets/archived/${id}` : `/api/v2/tickets/${id}`;

export async function readTicketComments(
  client: FreshdeskClient,
  ticketId: string,
  o: { archived: boolean; agentIds: ReadonlySet<string>; signal?: AbortSignal },
): Promise<TicketWithComments | null> {
  let archived = o.archived;
  const view = (a: boolean) =>
    client.get(ticketPath(ticketId, a), {
      params: { include: 'conversations' },
      signal: o.signal,
      allow: a ? [403, 404] : [404],
    });
  let res = await view(archived);
  if (res.status === 404 && !archived) {
    archived = true;
    res = await view(true);
  }
  if (res.status !== 200) return null;
  return ticketWithComments(client, ticketId, res, { ...o, archived });
}

/**
 * The ticket and its comments out of a view answered with include=conversations: the embedded ones, or
 * the whole /conversations list when the view holds as many as it embeds at most.
 */
export async function ticketWithComments(
  client: FreshdeskClient,
  ticketId: string,
  res: FreshdeskResponse,
  o: { archived: boolean; agentIds: ReadonlySet<string>; signal?: AbortSignal },
): Promise<TicketWithComments> {
  const raw = rawTicketSchema.safeParse(res.data);
  if (!raw.success) {
    const reason = `Freshdesk sent ticket ${ticketId} in a shape Ferry cannot read: ${raw.error.issues[0]?.message}`;
    return { ticket: null, comments: [], errors: [{ entity: 'comments', sourceId: ticketId, reason }] };
  }
  const embedded = (res.data as { conversations?: unknown }).conversations;
  let items: unknown[];
  if (Array.isArray(embedded) && embedded.length < EMBEDDED_CONVERSATIONS) {
    items = embedded;
  } else {
    items = [];
    const list = `${ticketPath(ticketId, o.archived)}/conversations`;
    for await (const p of listAll(client, list, {}, { signal: o.signal })) items.push(...p.items);
  }
  const first = descriptionToComment(raw.data);
  const errors = [...first.errors];
  const parsed = parseEach('comments', rawConversationSchema, items, (c) =>
    toComment(c, ticketId, o.agentIds),
  );
  errors.push(...parsed.errors);
  for (const r of parsed.records) errors.push(...r.errors);
  const replies = parsed.records.map((r) => r.comment).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { ticket: toTicket(raw.data, o.archived), comments: [first.comment, ...replies], errors };
}

export function toCommentsOfTicket(ticketId: string, read: TicketWithComments | null): CommentsOfTicket {
  if (!read) {
    return {
      ticketId,
      comments: [],
      errors: [
        {
          entity: 'comments',
          sourceId: ticketId,
          reason: `Freshdesk has no ticket ${ticketId} (live or archived)`,
        },
      ],
    };
  }
  return { ticketId, comments: read.comments, errors: read.errors };
}
