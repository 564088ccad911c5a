// A ticket's comments: its description (the first message, which Freshdesk keeps on the ticket) followed by
// its conversations, oldest first. One call for most tickets: GET /tickets/{id}?include=conversations embeds
// the first ten conversations; when ten come back there may be more, so the list is read in full from
// /conversations. Archived tickets are read from /tickets/archived/{id} and its /conversations.
import type { Comment, Ticket } from '../../model/canonical.js';
import type { CommentsOfTicket, RecordReadError } from '../connector.js';
import type { FreshdeskClient } from './client.js';
import { listAll } from './paging.js';
import { parseEach } from '../shared/parse.js';
import { rawConversationSchema, rawTicketSchema } from './raw-schemas.js';
import { descriptionToComment, toComment } from './to-comment.js';
import { toTicket } from './to-ticket.js';

/** How many conversations include=conversations embeds (QUIRKS.md: "the first ten"). */
export const EMBEDDED_CONVERSATIONS = 10;

export interface TicketWithComments {
  /** null when the ticket itself could not be read (its errors say why). */
  ticket: Ticket | null;
  comments: Comment[];
  errors: RecordReadError[];
}

export async function readTicketComments(
  client: FreshdeskClient,
  ticketId: string,
  o: { archived: boolean; agentIds: ReadonlySet<string>; signal?: AbortSignal },
): Promise<TicketWithComments | null> {
  let base = `/api/v2/tickets/${ticketId}`;
  let archived = o.archived;
  let res = archived
    ? null
    : await client.get(base, { params: { include: 'conversations' }, signal: o.signal, allow: [404] });
  if (!res || res.status === 404) {
    archived = true;
    base = `/api/v2/tickets/archived/${ticketId}`;
    res = await client.get(base, { signal: o.signal, allow: [403, 404] });
    if (res.status !== 200) return null;
  }
  const raw = rawTicketSchema.safeParse(res.data);
  if (!raw.success) {
    const reason = `Freshdesk sent ticket ${ticketId} in a shape Ferry cannot read: ${raw.error.issues[0]?.message}`;
    return { ticket: null, comments: [], errors: [{ entity: 'comments', sourceId: ticketId, reason }] };
  }
  const embedded = (res.data as { conversations?: unknown }).conversations;
  let items: unknown[];
  if (!archived && Array.isArray(embedded) && embedded.length < EMBEDDED_CONVERSATIONS) {
    items = embedded;
  } else {
    items = [];
    for await (const p of listAll(client, `${base}/conversations`, {}, { signal: o.signal }))
      items.push(...p.items);
  }
  const first = descriptionToComment(raw.data);
  const errors = [...first.errors];
  const parsed = parseEach('comments', rawConversationSchema, items, (c) =>
    toComment(c, ticketId, o.agentIds),
  );
  errors.push(...parsed.errors);
  for (const r of parsed.records) errors.push(...r.errors);
  const replies = parsed.records.map((r) => r.comment).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { ticket: toTicket(raw.data, archived), comments: [first.comment, ...replies], errors };
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
