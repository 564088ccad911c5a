// Tickets, their comments, attachments and field-change events, each computed from (seed, ticket index).
// Hard cases at fixed indexes (every account has at least 20 tickets): see HARD_CASES.
import type { Attachment, Comment, Ticket, TicketEvent } from '../../model/canonical.js';
import {
  body,
  CHANNELS,
  HOSTILE_BODY_INDEX,
  plainOf,
  RICH_BODY_COUNT,
  SUBJECTS,
  TAG_POOL,
} from './content.js';
import { fieldValues } from './fields.js';
import { agentIndexOf, clock, ids, iso, type Sizes } from './layout.js';
import { agents, contact, DEACTIVATED_AGENT_INDEX, isDeletedContactIndex } from './people.js';
import { rngFor, type Rng } from './prng.js';

export const HARD_CASES = {
  /** Comment 0 has one attachment. */
  oneAttachment: 1,
  /** Comment 1 has 6 attachments, comment 2 has 12. */
  manyAttachments: 2,
  /** Requested by an agent. */
  requestedByAgent: 3,
  /** Comment 0 carries an inline image. */
  inlineImage: 4,
  /** Comment 0 carries a 30 MiB attachment (over most size caps). */
  hugeAttachment: 5,
  /** Every comment uses the hostile body. */
  hostileHtml: 6,
  /** 600 comments. */
  longTicket: 7,
  /** Requested by a deleted user (who wrote its comments). */
  deletedRequester: 9,
  // flosses block (issue 11 part 2):
  /** An e-mail the assignee sent from the help desk (Freshdesk source 10): the first comment is the agent's. */
  outboundEmail: 11,
} as const;
export const LONG_TICKET_COMMENTS = 600;
export const HUGE_ATTACHMENT_BYTES = 30 * 1024 * 1024;
const DELETED_REQUESTER_CONTACT = 7;

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const TYPES = ['question', 'incident', 'problem', 'task', null] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent', null] as const;

export const isDeletedTicket = (i: number): boolean => i % 50 === 13;
export const isArchivedTicket = (i: number, sizes: Sizes): boolean =>
  i % 5 === 4 && i < Math.floor(sizes.tickets * 0.8) && !isDeletedTicket(i);

const FILES = [
  ['Rechnung März.pdf', 'application/pdf'],
  ['screenshot.png', 'image/png'],
  ['log.txt', 'text/plain'],
  ['photo 📷.jpg', 'image/jpeg'],
  ['data.csv', 'text/csv'],
  ['contrat signé.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
] as const;

// Agents are few and asked for by every ticket: keep the last account's list.
let agentCache: { key: string; list: ReturnType<typeof agents> } | null = null;
function cachedAgents(seed: string, sizes: Sizes): ReturnType<typeof agents> {
  const key = `${seed}/${sizes.agents}/${sizes.groups}`;
  if (agentCache?.key !== key) agentCache = { key, list: agents(seed, sizes) };
  return agentCache.list;
}

// comments(i) and ticketEvents(i) need ticket i's people right after ticket(i) was asked for: keep the last few.
const recentTickets = new Map<string, Ticket>();
export function ticket(seed: string, sizes: Sizes, i: number): Ticket {
  const key = `${seed}/${sizes.tickets}/${i}`;
  const hit = recentTickets.get(key);
  if (hit) return copyTicket(hit);
  const made = makeTicket(seed, sizes, i);
  recentTickets.set(key, made);
  if (recentTickets.size > 16) recentTickets.delete(recentTickets.keys().next().value!);
  return copyTicket(made);
}

/** Callers get their own arrays and maps (field values are primitives or arrays of strings). */
const copyTicket = (t: Ticket): Ticket => ({
  ...t,
  tags: [...t.tags],
  customFields: Object.fromEntries(
    Object.entries(t.customFields).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]),
  ),
  ccEmails: [...t.ccEmails],
  ccIds: [...t.ccIds],
  followerIds: [...t.followerIds],
});

function makeTicket(seed: string, sizes: Sizes, i: number): Ticket {
  const rng = rngFor(seed, 'ticket', i);
  const agentList = cachedAgents(seed, sizes);
  const activeAgents = agentList.filter((a) => a.active);
  const requesterContact =
    i === HARD_CASES.deletedRequester
      ? contact(seed, sizes, DELETED_REQUESTER_CONTACT)
      : contact(seed, sizes, rng.int(0, sizes.contacts - 1));
  const requesterId = i === HARD_CASES.requestedByAgent ? ids.agent(1) : requesterContact.id;
  let status: Ticket['status'] = i < 12 ? STATUSES[i % 6]! : weightedStatus(rng);
  if (isArchivedTicket(i, sizes)) status = 'closed';
  if (isDeletedTicket(i)) status = 'deleted';
  const assignee =
    i === HARD_CASES.hugeAttachment
      ? agentList[DEACTIVATED_AGENT_INDEX]!
      : status === 'new'
        ? null
        : rng.pick(activeAgents);
  const ccContacts = i % 4 === 1 ? [0, 1].map((d) => contact(seed, sizes, (i * 7 + d) % sizes.contacts)) : [];
  const first = firstCommentHtml(seed, sizes, i);
  return {
    id: ids.ticket(i),
    number: ids.ticket(i),
    subject: SUBJECTS[i % SUBJECTS.length]!.replaceAll('{n}', String(10_000 + i)),
    description: plainOf(first),
    status,
    rawStatus: status,
    priority: i < 10 ? PRIORITIES[i % 5]! : rng.pick(PRIORITIES),
    type: i < 10 ? TYPES[i % 5]! : rng.pick(TYPES),
    requesterId,
    submitterId: i % 10 === 4 && assignee ? assignee.id : requesterId,
    assigneeId: assignee?.id ?? null,
    groupId: assignee ? (assignee.groupIds[0] ?? null) : rng.chance(0.5) ? ids.group(0) : null,
    companyId: i === HARD_CASES.requestedByAgent ? null : (requesterContact.companyIds[0] ?? null),
    tags: [...new Set(Array.from({ length: rng.int(0, 3) }, () => rng.pick(TAG_POOL)))],
    customFields: fieldValues('ticket', rng, () => ids.agent(rng.int(0, sizes.agents - 1))),
    ccEmails: ccContacts.map((c) => c.email).filter((e): e is string => e !== null),
    ccIds: ccContacts.map((c) => c.id),
    followerIds: i % 5 === 2 ? [agentList[2 % agentList.length]!.id] : [],
    channel: i === HARD_CASES.outboundEmail ? 'outbound_email' : CHANNELS[i % CHANNELS.length]!,
    archived: false,
    createdAt: iso(clock.ticketCreated(i)),
    updatedAt: iso(clock.ticketUpdated(i)),
  };
}

function weightedStatus(rng: Rng): Ticket['status'] {
  const r = rng.next();
  if (r < 0.55) return 'closed';
  if (r < 0.75) return 'solved';
  if (r < 0.85) return 'open';
  if (r < 0.92) return 'pending';
  if (r < 0.96) return 'hold';
  return 'new';
}

export function commentCount(seed: string, i: number): number {
  if (i === HARD_CASES.longTicket) return LONG_TICKET_COMMENTS;
  const n = 1 + rngFor(seed, 'comment-count', i).int(0, 8);
  return i === HARD_CASES.manyAttachments ? Math.max(3, n) : n;
}

function bodyIndex(i: number, k: number): number | undefined {
  if (i === HARD_CASES.hostileHtml) return HOSTILE_BODY_INDEX;
  return i < 20 ? (i + k) % RICH_BODY_COUNT : undefined;
}

function firstCommentHtml(seed: string, _sizes: Sizes, i: number): string {
  return commentContent(seed, i, 0).html;
}

/** A comment's body and files: independent of the ticket's people, so the ticket can quote its first comment. */
function commentContent(seed: string, i: number, k: number): { html: string; attachments: Attachment[] } {
  const rng = rngFor(seed, `comment-${i}`, k);
  const byAgent = k % 2 === 1;
  const attachments = attachmentsOf(ids.comment(i, k), i, k, rng);
  let html = body(rng, byAgent ? 'Support' : 'Customer', bodyIndex(i, k));
  for (const a of attachments.filter((x) => x.inline))
    html += `<p><img src="${a.inlineRef}" alt="${a.fileName}"></p>`;
  return { html, attachments };
}

/** The comments of ticket i in order; `limit` computes only the first few. */
export function comments(seed: string, sizes: Sizes, i: number, limit = Infinity): Comment[] {
  const t = ticketPeople(seed, sizes, i);
  const count = Math.min(limit, commentCount(seed, i));
  const out: Comment[] = [];
  for (let k = 0; k < count; k++) {
    const byAgent = k % 2 === 1 || (k === 0 && i === HARD_CASES.outboundEmail);
    const authorId = byAgent ? t.agentId : (ccAuthor(seed, sizes, i, k) ?? t.requesterId);
    const isPublic = !(byAgent && k % 3 === 2);
    const { html, attachments } = commentContent(seed, i, k);
    out.push({
      id: ids.comment(i, k),
      ticketId: ids.ticket(i),
      authorId,
      authorRole: byAgent || agentIndexOf(authorId) !== null ? 'agent' : 'end-user',
      public: isPublic,
      html,
      plain: plainOf(html),
      createdAt: iso(clock.comment(i, k)),
      attachments,
      ccEmails: [],
    });
  }
  return out;
}

// --- issue 11 §2 (Zendesk losses): a CC'd end user writes publicly on the ticket -------------------------
/** Comment 2 of a ticket with CCs is written by its first CC'd user (a public end-user comment). */
function ccAuthor(seed: string, sizes: Sizes, i: number, k: number): string | null {
  if (k !== 2) return null;
  return ticket(seed, sizes, i).ccIds[0] ?? null;
}
// --- end of issue 11 §2 block --------------------------------------------------------------------------------

function ticketPeople(seed: string, sizes: Sizes, i: number): { requesterId: string; agentId: string } {
  const t = ticket(seed, sizes, i);
  const agentId =
    t.assigneeId ?? ids.agent(i % sizes.agents === DEACTIVATED_AGENT_INDEX ? 0 : i % sizes.agents);
  return { requesterId: t.requesterId ?? ids.contact(0), agentId };
}

function attachmentCount(i: number, k: number, rng: Rng): number {
  if (i === HARD_CASES.oneAttachment && k === 0) return 1;
  if (i === HARD_CASES.manyAttachments && k === 1) return 6;
  if (i === HARD_CASES.manyAttachments && k === 2) return 12;
  if ((i === HARD_CASES.inlineImage || i === HARD_CASES.hugeAttachment) && k === 0) return 1;
  if (i === HARD_CASES.longTicket) return 0;
  const r = rng.next();
  return r < 0.12 ? 1 : r < 0.15 ? 2 : 0;
}

function attachmentsOf(commentId: string, i: number, k: number, rng: Rng): Attachment[] {
  return Array.from({ length: attachmentCount(i, k, rng) }, (_, a) => {
    const id = ids.commentAttachment(commentId, a);
    const huge = i === HARD_CASES.hugeAttachment && k === 0;
    const inline = (i === HARD_CASES.inlineImage && k === 0) || (i >= 20 && rng.chance(0.05));
    const [fileName, contentType] = huge
      ? (['recording.mp4', 'video/mp4'] as const)
      : inline
        ? (['inline-image.png', 'image/png'] as const)
        : FILES[(i + k + a) % FILES.length]!;
    const url = attachmentPath(id, fileName);
    return {
      id,
      fileName,
      contentType,
      size: huge ? HUGE_ATTACHMENT_BYTES : 200 + ((Number(id) * 7919) % 20_000),
      url,
      inline,
      inlineRef: inline ? url : null,
    };
  });
}

export function attachmentPath(id: string, fileName: string): string {
  return `/attachments/${id}/${encodeURIComponent(fileName)}`;
}

export function ticketEvents(seed: string, sizes: Sizes, i: number): TicketEvent[] {
  const t = ticket(seed, sizes, i);
  const actor = t.assigneeId ?? ids.agent(0);
  const events: TicketEvent[] = [
    { id: ids.event(i, 0), ticketId: t.id, authorId: actor, createdAt: iso(clock.event(i, 0)), changes: [] },
  ];
  events[0]!.changes.push({ field: 'status', from: 'new', to: t.status === 'new' ? 'open' : t.status });
  if (t.assigneeId) {
    events.push({
      id: ids.event(i, 1),
      ticketId: t.id,
      authorId: actor,
      createdAt: iso(clock.event(i, 1)),
      changes: [
        { field: 'assignee_id', from: null, to: t.assigneeId },
        { field: 'group_id', from: null, to: t.groupId },
      ],
    });
  }
  if (t.priority) {
    events.push({
      id: ids.event(i, 2),
      ticketId: t.id,
      authorId: actor,
      createdAt: iso(clock.event(i, 2)),
      changes: [{ field: 'priority', from: null, to: t.priority }],
    });
  }
  return events;
}

export { isDeletedContactIndex };

/** The files of comment k of ticket i (for serving one attachment without building the whole ticket). */
export function commentAttachments(seed: string, i: number, k: number): Attachment[] {
  return commentContent(seed, i, k).attachments;
}
