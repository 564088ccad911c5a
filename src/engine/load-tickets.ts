// Tickets stage: each staged ticket with its comments, attachments, tags, attributes, assignee and state.
// Several tickets are in flight at once (so Intercom's rate budget binds), each written strictly in order:
// the ticket (carrying ferry_source_id from creation), then its parts, then tags and state.
import {
  contactSchema,
  ticketSchema,
  type Comment,
  type Contact,
  type Ticket,
  type TicketEvent,
} from '../model/canonical.js';
import { contentHash } from '../transform/content-hash.js';
import { toAgentRequesterContact } from '../transform/to-contact.js';
import { recordTags } from '../transform/tags.js';
import type { IdLookups, ReferenceData } from '../transform/reference.js';
import type { StageContext } from './context.js';
import { stagedCommentsOfMany } from './comment-staging.js';
import { startCommentFeed } from './comment-feed.js';
import { completeStreamedComments } from './comment-completeness.js';
import {
  getRows,
  markResult,
  markResults,
  rowsOfParent,
  targetIds,
  touch,
  touchChildren,
  type LedgerRow,
} from './ledger.js';
import { loadStaged } from './load-staged.js';
import { tagIdCache, tagIdsByName, type TagIdCache } from './record-tags.js';
import { loadReference, tagWrites, toReferenceData, type StoredReference } from './reference-data.js';
import { WriteDeferred, writeOnce } from './write-once.js';
import { settleDeferredTickets } from './deferred-tickets.js';
import { loadAsTicket } from './ticket-target.js';
import { loadAsConversation } from './conversation-target.js';
import { loadCommentLinks, type CommentLinks } from './comment-links.js';

export interface PersonInfo {
  name: string | null;
  email: string | null;
}

/** What one page of tickets shares: ledger rows, comments and people, read in a few queries. */
export interface TicketPage {
  rows: Map<string, LedgerRow>;
  commentRows: Map<string, LedgerRow>;
  comments: Map<string, Comment[]>;
  contacts: Map<string, string>;
  companies: Map<string, string>;
  people: Map<string, PersonInfo>;
  /** Requesters' source records (only with the "requester fields as a private note" option). */
  requesters: Map<string, Contact>;
  /** What tickets of the page lost before they load (comments the source gave none of): their reasons. */
  notes: Map<string, string>;
}

export interface TicketStageShared {
  ref: ReferenceData;
  stored: StoredReference;
  /** Tag name (lower case) → id; created on first use. */
  tagIds: TagIdCache;
  /** Creates tags, recording those Ferry created (a rollback removes them). */
  tagWrites: ReturnType<typeof tagWrites>;
  /** Rewrites the old help center's links in comments (option rewriteCommentLinks); null when off. */
  commentLinks: CommentLinks | null;
}

export const AGENT_CONTACT_PREFIX = 'agent:';

export async function runTicketsStage(ctx: StageContext): Promise<boolean> {
  const stored = await loadReference(ctx.db, ctx.migration.id);
  const shared: TicketStageShared = {
    ref: toReferenceData(ctx, stored),
    stored,
    tagIds: tagIdCache(stored.tagIds),
    tagWrites: tagWrites(ctx, stored.preexistingTags),
    commentLinks: await loadCommentLinks(ctx),
  };
  const pages = new Map<string, TicketPage>();
  const unchanged: string[] = [];
  // The comments come staged, by the feed the plan chose (src/engine/comment-feed.ts).
  const feed = startCommentFeed(ctx);
  try {
    if (!(await loadTickets())) return false;
    // Tickets whose creation Intercom's search could not confirm yet come last, once it has caught up.
    return await settleDeferredTickets(ctx, async (records) => {
      await feed.readyFor(records);
      const tickets = records.map((r) => r.payload);
      const page = await readTicketPage(ctx, tickets, await completeStreamedComments(ctx, tickets));
      for (const r of records) await loadOrDefer(ctx, shared, page, r.payload);
    });
  } finally {
    await feed.close();
  }

  function loadTickets(): Promise<boolean> {
    return loadStaged<Ticket>(ctx, {
      entity: 'tickets',
      parse: (p) => ticketSchema.parse(p),
      maxInFlight: ctx.deps.ticketConcurrency,
      preparePage: async (records) => {
        await feed.readyFor(records);
        const tickets = records.map((r) => r.payload);
        const notes = await completeStreamedComments(ctx, tickets);
        const page = await readTicketPage(ctx, tickets, notes);
        for (const r of records) pages.set(r.sourceId, page);
      },
      process: async ({ payload: ticket }) => {
        const page = pages.get(ticket.id)!;
        const started = Date.now();
        const done = await loadOrDefer(ctx, shared, page, ticket);
        ctx.logger.debug(
          {
            ticket: ticket.id,
            done,
            ms: Date.now() - started,
            comments: page.comments.get(ticket.id)?.length,
          },
          'ticket loaded',
        );
        if (done === 'unchanged') unchanged.push(ticket.id);
      },
      recordFailed: async ({ payload: ticket }, reason) => {
        const comments = pages.get(ticket.id)?.comments.get(ticket.id) ?? [];
        await settleComments(ctx, ticket.id, comments, `its ticket failed: ${reason}`);
      },
      finishPage: async (records) => {
        const ids = unchanged.splice(0);
        await touch(ctx.db, ctx.migration.id, 'tickets', ids, ctx.run.id);
        await touchChildren(ctx.db, ctx.migration.id, ['comments', 'parts', 'attachments'], ids, ctx.run.id);
        for (const r of records) pages.delete(r.sourceId);
      },
    });
  }
}

/** A page of tickets' comments, people and ledger rows (the loader's and the verifier's look-ups). */
export async function readTicketPage(
  ctx: StageContext,
  tickets: Ticket[],
  notes: Map<string, string>,
): Promise<TicketPage> {
  const ids = tickets.map((t) => t.id);
  const comments = await stagedCommentsOfMany(ctx.db, ctx.run.id, ids);
  const users = new Set<string>();
  for (const t of tickets) {
    for (const id of [t.requesterId, t.submitterId, ...t.ccIds, ...t.followerIds]) if (id) users.add(id);
    for (const c of comments.get(t.id) ?? []) if (c.authorId) users.add(c.authorId);
  }
  const userIds = [...users];
  const contacts = await targetIds(ctx.db, ctx.migration.id, 'contacts', [
    ...userIds,
    ...userIds.map((id) => AGENT_CONTACT_PREFIX + id),
  ]);
  const people = new Map<string, PersonInfo>();
  const staged = await ctx
    .db('run_records')
    .where({ run_id: ctx.run.id, entity: 'contacts' })
    .whereIn('source_id', userIds)
    .select<{ source_id: string; name: string | null; email: string | null }[]>(
      'source_id',
      ctx.db.raw(`payload->>'name' as name`),
      ctx.db.raw(`payload->>'email' as email`),
    );
  for (const p of staged) people.set(p.source_id, { name: p.name, email: p.email });
  const requesters = new Map<string, Contact>();
  if (ctx.settings.options.requesterFieldsAsNote) {
    const ids = tickets.flatMap((t) => (t.requesterId ? [t.requesterId] : []));
    const rows = await ctx
      .db('run_records')
      .where({ run_id: ctx.run.id, entity: 'contacts' })
      .whereIn('source_id', ids)
      .select<{ source_id: string; payload: unknown }[]>('source_id', 'payload');
    for (const r of rows) {
      const parsed = contactSchema.safeParse(r.payload);
      if (parsed.success) requesters.set(r.source_id, parsed.data);
    }
  }
  return {
    rows: await getRows(ctx.db, ctx.migration.id, 'tickets', ids),
    commentRows: await getRows(
      ctx.db,
      ctx.migration.id,
      'comments',
      [...comments.values()].flat().map((c) => c.id),
    ),
    comments,
    contacts,
    companies: await targetIds(
      ctx.db,
      ctx.migration.id,
      'companies',
      tickets.flatMap((t) => (t.companyId ? [t.companyId] : [])),
    ),
    people,
    requesters,
    notes,
  };
}

export function lookupsFor(page: TicketPage, ref: ReferenceData): IdLookups {
  return {
    contactId: (id) => page.contacts.get(id) ?? page.contacts.get(AGENT_CONTACT_PREFIX + id) ?? null,
    person: (id) => {
      const agent = ref.agents.get(id);
      if (agent) return { name: agent.name, email: agent.email };
      return page.people.get(id) ?? null;
    },
  };
}

/** The requester's contact id: a migrated contact, or (the seed's rule) a contact made from an agent requester. */
async function requesterContact(
  ctx: StageContext,
  shared: TicketStageShared,
  page: TicketPage,
  ticket: Ticket,
): Promise<{ id: string } | { reason: string }> {
  const id = ticket.requesterId;
  if (id === null)
    return { reason: 'the ticket has no requester, and an Intercom ticket needs exactly one contact' };
  const known = page.contacts.get(id) ?? page.contacts.get(AGENT_CONTACT_PREFIX + id);
  if (known) return { id: known };
  const agent = shared.ref.agents.get(id);
  if (agent) {
    const mapped = toAgentRequesterContact(agent, ctx.platform);
    if (!mapped)
      return {
        reason: `the requester is the agent ${agent.name}, who has no e-mail address to make a contact from`,
      };
    const sourceId = AGENT_CONTACT_PREFIX + id;
    const key = { migrationId: ctx.migration.id, entity: 'contacts', sourceId };
    const outcome = await writeOnce(ctx.write, {
      key,
      existing: null,
      note: mapped.notes.join('; '),
      reconcile: async () => null,
      write: async () => (await ctx.intercom.createContact(mapped.body)).id,
    });
    if (outcome.status !== 'migrated')
      return { reason: `the requester (agent ${agent.name}) could not be made a contact: ${outcome.reason}` };
    page.contacts.set(sourceId, outcome.targetId);
    return { id: outcome.targetId };
  }
  const row = (await getRows(ctx.db, ctx.migration.id, 'contacts', [id])).get(id);
  const why = row?.reason ? `: ${row.reason}` : row ? ` (${row.status})` : ' (not found in the source)';
  return { reason: `its requester (user ${id}) was not migrated${why}` };
}

export type TicketDone = 'unchanged' | 'written' | 'failed' | 'deferred';

/** Loads a ticket; one whose creation cannot be confirmed yet (WriteDeferred) stays pending for the stage's end. */
async function loadOrDefer(
  ctx: StageContext,
  shared: TicketStageShared,
  page: TicketPage,
  ticket: Ticket,
): Promise<TicketDone> {
  try {
    return await loadTicket(ctx, shared, page, ticket);
  } catch (error) {
    if (error instanceof WriteDeferred) return 'deferred';
    throw error;
  }
}

async function loadTicket(
  ctx: StageContext,
  shared: TicketStageShared,
  page: TicketPage,
  ticket: Ticket,
): Promise<TicketDone> {
  const key = { migrationId: ctx.migration.id, entity: 'tickets', sourceId: ticket.id };
  const comments = page.comments.get(ticket.id) ?? [];
  const requester = await requesterContact(ctx, shared, page, ticket);
  if ('reason' in requester) {
    await markResult(ctx.db, key, ctx.run.id, { status: 'failed', reason: requester.reason });
    await skipComments(ctx, ticket.id, comments, `its ticket was not migrated: ${requester.reason}`);
    return 'failed';
  }
  // Field-change events as private notes (option): read per ticket where the source offers them.
  const events: TicketEvent[] =
    ctx.settings.options.eventsAsNotes && ctx.connector.readTicketEvents
      ? await ctx.connector.readTicketEvents(ticket.id, ctx.signal)
      : [];
  // What the source could not give of them goes on the ticket's line (never silence).
  const eventsGap =
    ctx.settings.options.eventsAsNotes && ctx.connector.ticketEventsGap
      ? await ctx.connector.ticketEventsGap(ticket, ctx.signal)
      : null;
  // Links into the old help center lead to the migrated articles; those that stay go on the ticket's line.
  const linked = shared.commentLinks?.(comments) ?? { comments, notes: [], written: new Map() };
  const input: TicketInput = {
    ticket,
    comments: linked.comments,
    rewrittenLinks: linked.written,
    events,
    requester: ticket.requesterId ? (page.requesters.get(ticket.requesterId) ?? null) : null,
    requesterContactId: requester.id,
    companyId: ticket.companyId ? (page.companies.get(ticket.companyId) ?? null) : null,
    lookups: lookupsFor(page, shared.ref),
    existing: page.rows.get(ticket.id) ?? null,
    notes: [
      ...(page.notes.has(ticket.id) ? [page.notes.get(ticket.id)!] : []),
      ...(eventsGap ? [eventsGap] : []),
      ...linked.notes,
    ],
    allCommentsDone: comments.every((c) => {
      const row = page.commentRows.get(c.id);
      return row !== undefined && row.status !== 'pending';
    }),
  };
  return ctx.settings.target === 'conversations'
    ? loadAsConversation(ctx, shared, input)
    : loadAsTicket(ctx, shared, input);
}

export interface TicketInput {
  ticket: Ticket;
  comments: Comment[];
  /** Comment id → the help-center links rewritten into it (option rewriteCommentLinks). */
  rewrittenLinks: ReadonlyMap<string, readonly string[]>;
  events: TicketEvent[];
  requester: Contact | null;
  requesterContactId: string;
  companyId: string | null;
  lookups: IdLookups;
  existing: LedgerRow | null;
  allCommentsDone: boolean;
  /**
   * What the ticket loses besides its own mapping's notes, kept in the migrated row's reason: comments the
   * source gave none of (TicketPage.notes), ticket events it could not give, links in its comments to
   * an old help-center object that was not migrated.
   */
  notes: string[];
}

export async function skipComments(
  ctx: StageContext,
  ticketId: string,
  comments: readonly Comment[],
  reason: string,
): Promise<void> {
  await markResults(
    ctx.db,
    ctx.migration.id,
    'comments',
    ctx.run.id,
    comments.map((c) => ({ sourceId: c.id, status: 'skipped' as const, reason, parentSourceId: ticketId })),
  );
}

/**
 * After a ticket failed part-way: its comments this run has not recorded yet are counted in it, those
 * migrated by an earlier run as they are, the others skipped with the ticket's reason.
 */
async function settleComments(
  ctx: StageContext,
  ticketId: string,
  comments: readonly Comment[],
  reason: string,
): Promise<void> {
  const rows = await rowsOfParent(ctx.db, ctx.migration.id, 'comments', ticketId);
  const open = comments.filter((c) => rows.get(c.id)?.last_run_id !== ctx.run.id);
  const migrated = open.filter((c) => rows.get(c.id)?.status === 'migrated').map((c) => c.id);
  await touch(ctx.db, ctx.migration.id, 'comments', migrated, ctx.run.id);
  await skipComments(
    ctx,
    ticketId,
    open.filter((c) => rows.get(c.id)?.status !== 'migrated'),
    reason,
  );
}

/** The ledger row a ticket's write starts from: a row that names its Intercom object is never written anew. */
export function writableRow(existing: LedgerRow | null): LedgerRow | null {
  if (existing?.status === 'pending') return existing;
  // A ticket failed after its creation (a follow-up call refused) keeps its target: finish that one.
  const named = existing?.target_id && (existing.status === 'migrated' || existing.status === 'failed');
  return named ? { ...existing, status: 'migrated' } : null;
}

/** The ticket's tags in Intercom (source tags plus the migrated tag), created on first use. */
export function tagIdsFor(
  ctx: StageContext,
  shared: TicketStageShared,
  tags: readonly string[],
): Promise<string[]> {
  return tagIdsByName(shared.tagWrites, shared.tagIds, recordTags(tags, ctx.settings, ctx.platform));
}

/** Tags a migrated ticket (or conversation), one tag after another: the first refusal fails the ticket
 *  with its reason, and the tags after it are not tried (a rerun applies them; tagging is idempotent). The
 *  window of tickets in flight makes up for the latency (engine/concurrency-window.ts). */
export async function tagTicket(
  ctx: StageContext,
  shared: TicketStageShared,
  ticket: Pick<Ticket, 'id' | 'tags'>,
  apply: (tagId: string) => Promise<unknown>,
): Promise<void> {
  for (const tagId of await tagIdsFor(ctx, shared, ticket.tags)) {
    await apply(tagId);
    ctx.write.crashHook?.({ migrationId: ctx.migration.id, entity: 'tags', sourceId: ticket.id });
  }
}

/** Hash of everything a ticket's Intercom side depends on besides its comments. */
export function ticketHash(parts: Record<string, unknown>, settings?: StageContext['settings']): string {
  const { eventsAsNotes, requesterFieldsAsNote } = settings?.options ?? {};
  // The note options count only when on (undefined keys leave the hash of earlier runs unchanged), so
  // turning one on makes the next run write the notes of tickets already migrated.
  return contentHash({
    ...parts,
    notes: eventsAsNotes || requesterFieldsAsNote ? { eventsAsNotes, requesterFieldsAsNote } : undefined,
  });
}
