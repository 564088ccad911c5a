// The sample account seen as Zendesk sees it: one user list (agents, then end users), audits built from
// comments and field-change events, tag counts. Everything by index, computed on demand.
import type { SampleAccount } from '../sample-account/index.js';
import { customStatusOf, withOrigin } from '../sample-account/index.js';
import type { ZendeskFaults } from './guards.js';
import {
  renderAgentUser,
  renderChange,
  renderComment,
  renderContactUser,
  renderTicket,
  type CommentQuirks,
  type Json,
} from './render.js';

export interface Audit {
  id: number;
  ticketId: number;
  authorId: number | null;
  createdAt: string;
  /** Seconds, for the time-based export. */
  time: number;
  events: Json[];
}

/** Audit ids: a comment's audit is 10^12 + the comment id; a field-change audit keeps the event's id. */
export const commentAuditId = (commentId: string): number => 1_000_000_000_000 + Number(commentId);

export function zendeskData(
  account: SampleAccount,
  origin: () => string,
  faults: Pick<
    ZendeskFaults,
    'corruptTicketIds' | 'unreadableEventTicketIds' | 'namelessAttachmentIds' | 'bodyOnlyTicketIds'
  > = {},
) {
  const corrupt = new Set(faults.corruptTicketIds ?? []);
  const nameless = new Set(faults.namelessAttachmentIds ?? []);
  const bodyOnly = new Set(faults.bodyOnlyTicketIds ?? []);
  /** How ticket `id`'s comments are rendered (injected faults). */
  const commentQuirks = (ticketId: string): CommentQuirks => ({
    namelessAttachmentIds: nameless,
    bodyOnly: bodyOnly.has(ticketId),
  });
  const agents = account.agents();
  const userCount = agents.length + account.size.contacts;
  const ticketFields = account.fields('ticket');
  let tagCounts: Map<string, number> | null = null;

  const user = (i: number): Json =>
    i < agents.length
      ? renderAgentUser(origin(), agents[i]!, i)
      : renderContactUser(origin(), account.contact(i - agents.length));

  // The events export asks for the same few tickets page after page (the 600-comment one spans many).
  const recent = new Map<number, Audit[]>();
  function audits(ticketIndex: number): Audit[] {
    const hit = recent.get(ticketIndex);
    if (hit) return hit;
    const built = buildAudits(ticketIndex);
    recent.set(ticketIndex, built);
    if (recent.size > 64) recent.delete(recent.keys().next().value!);
    return built;
  }

  function buildAudits(ticketIndex: number): Audit[] {
    const out: Audit[] = [];
    account.comments(ticketIndex).forEach((raw, k) => {
      const c = withOrigin(raw, origin());
      const id = commentAuditId(c.id);
      const events: Json[] = [{ ...renderComment(c, id, true, commentQuirks(c.ticketId)), public: c.public }];
      if (k === 0) events.unshift({ id: id * 10, type: 'Create', field_name: 'status', value: 'new' });
      out.push(audit(id, Number(c.ticketId), c.authorId, c.createdAt, events));
    });
    for (const e of account.ticketEvents(ticketIndex)) {
      const id = Number(e.id);
      out.push(
        audit(
          id,
          Number(e.ticketId),
          e.authorId,
          e.createdAt,
          e.changes.map((ch, j) => renderChange(id * 10 + j + 1, ch)),
        ),
      );
    }
    return out.sort((a, b) => a.time - b.time || a.id - b.id);
  }

  return {
    account,
    agents,
    userCount,
    user,
    userUpdatedAt: (i: number): number => Date.parse(String(user(i)['updated_at'])),
    commentQuirks,
    /** Tickets whose events the export renders unreadable (injected fault). */
    unreadableEventTicketIds: new Set((faults.unreadableEventTicketIds ?? []).map(Number)),
    ticket: (i: number): Json => {
      const ticket = account.ticket(i);
      const t = {
        ...renderTicket(origin(), ticket, ticketFields),
        custom_status_id: customStatusOf(ticket, i)?.id ?? null,
      };
      // Injected fault: a record no schema accepts (the connector must report it, not crash).
      return corrupt.has(String(i + 1)) ? { ...t, status: 42, created_at: null } : t;
    },
    ticketUpdatedAt: (i: number): number => Date.parse(account.ticket(i).updatedAt),
    ticketFields,
    audits,
    deleted: new Set(account.deletedTicketIndexes()),
    tagCounts(): Map<string, number> {
      if (tagCounts) return tagCounts;
      tagCounts = new Map();
      for (let i = 0; i < account.size.tickets; i++) {
        for (const t of account.ticket(i).tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
      }
      return tagCounts;
    },
  };
}
export type ZendeskData = ReturnType<typeof zendeskData>;

function audit(
  id: number,
  ticketId: number,
  authorId: string | null,
  createdAt: string,
  events: Json[],
): Audit {
  return {
    id,
    ticketId,
    authorId: authorId === null ? null : Number(authorId),
    createdAt,
    time: Math.floor(Date.parse(createdAt) / 1000),
    events,
  };
}
