// The Zendesk streams: each a small declaration of where its pages come from and how a record maps.
import type { z } from 'zod';
import type { EntityName, EntityRecordMap, Ticket } from '../../model/canonical.js';
import {
  UNREAD_EVENT_PREFIX,
  type Page,
  type ReadOptions,
  type RecordReadError,
  type Stream,
  type Streams,
} from '../connector.js';
import type { Fetched } from '../shared/paging.js';
import { describeIssues, parseEach } from '../shared/parse.js';
import type { ZendeskClient } from './client.js';
import { helpCenterStreams } from './help-center.js';
import {
  isAgentRole,
  toAgent,
  toComment,
  toCompany,
  toContact,
  toFieldDefinition,
  toGroup,
  toTicket,
  toTicketEvent,
  type CustomStatuses,
} from './map.js';
import { cursorExport, cursorList, timeExport } from './pages.js';
import {
  rawField,
  rawGroup,
  rawGroupMembership,
  rawOrganization,
  rawTag,
  rawTicket,
  rawTicketEvent,
  rawUser,
  rawComment,
  zid,
} from './raw.js';

type PageSource = (o: ReadOptions) => AsyncIterable<Fetched<unknown>>;

/** A stream whose records map one to one (or are dropped when the mapper returns null). */
export function simpleStream<E extends EntityName, S extends z.ZodType>(d: {
  name: E;
  incremental: boolean;
  pages: PageSource;
  schema: S;
  map: (raw: z.infer<S>) => EntityRecordMap[E] | null;
  primaryKey: (r: EntityRecordMap[E]) => string;
  deleted?: (raw: z.infer<S>) => boolean;
}): Stream<E> {
  return {
    name: d.name,
    incremental: d.incremental,
    primaryKey: d.primaryKey,
    async *read(o: ReadOptions = {}): AsyncIterable<Page<EntityRecordMap[E]>> {
      for await (const p of d.pages(o)) {
        const deletedIds: string[] = [];
        const parsed = parseEach(d.name, d.schema, p.items, (raw) => {
          if (d.deleted?.(raw)) {
            deletedIds.push(String((raw as { id: unknown }).id));
            return null;
          }
          return d.map(raw);
        });
        const records = parsed.records.filter((r): r is EntityRecordMap[E] => r !== null);
        yield { records, errors: parsed.errors, deletedIds, cursor: p.next };
      }
    },
  };
}

const byId = (r: { id: string }): string => r.id;
const opt = (o: ReadOptions) => ({
  ...(o.cursor !== undefined ? { cursor: o.cursor } : {}),
  ...(o.signal ? { signal: o.signal } : {}),
  ...(o.since ? { since: o.since } : {}),
});

export function zendeskStreams(
  c: ZendeskClient,
  agentIds: () => Promise<ReadonlySet<string>>,
  customStatuses: () => Promise<CustomStatuses> = () => Promise.resolve(new Map()),
): Streams & { commentEvents: Stream<'comments'> } {
  const list =
    (path: string, key: string, params?: Record<string, string>): PageSource =>
    (o) =>
      cursorList(c, path, key, { ...opt(o), ...(params ? { params } : {}) });
  const fields = <S extends 'ticket' | 'contact' | 'company'>(scope: S, path: string, key: string) =>
    simpleStream({
      name: `${scope}_fields` as `${S}_fields`,
      incremental: false,
      pages: list(path, key),
      schema: rawField,
      map: (f) => toFieldDefinition(scope, f),
      primaryKey: byId,
    });

  return {
    contacts: simpleStream({
      name: 'contacts',
      incremental: true,
      // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/ (users, cursor)
      pages: (o) => cursorExport(c, '/api/v2/incremental/users/cursor.json', 'users', opt(o)),
      schema: rawUser,
      map: (u) => (isAgentRole(u.role) ? null : toContact(u)),
      primaryKey: byId,
    }),
    agents: agentStream(c),
    companies: simpleStream({
      name: 'companies',
      incremental: false,
      pages: list('/api/v2/organizations.json', 'organizations'),
      schema: rawOrganization,
      map: toCompany,
      primaryKey: byId,
    }),
    groups: simpleStream({
      name: 'groups',
      incremental: false,
      pages: list('/api/v2/groups.json', 'groups'),
      schema: rawGroup,
      map: (g) => (g.deleted ? null : toGroup(g)),
      primaryKey: byId,
    }),
    ticket_fields: fields('ticket', '/api/v2/ticket_fields.json', 'ticket_fields'),
    contact_fields: fields('contact', '/api/v2/user_fields.json', 'user_fields'),
    company_fields: fields('company', '/api/v2/organization_fields.json', 'organization_fields'),
    tags: simpleStream({
      name: 'tags',
      incremental: false,
      pages: list('/api/v2/tags.json', 'tags'),
      schema: rawTag,
      map: (t) => ({ name: t.name, count: t.count ?? null }),
      primaryKey: (t) => t.name,
    }),
    tickets: ticketStream(c, customStatuses),
    ticket_events: simpleStream({
      name: 'ticket_events',
      incremental: true,
      pages: (o) =>
        timeExport(c, '/api/v2/incremental/ticket_events.json', 'ticket_events', {
          ...opt(o),
          params: { support_type_scope: 'all' },
        }),
      schema: rawTicketEvent,
      map: toTicketEvent,
      primaryKey: byId,
    }),
    ...helpCenterStreams(c),
    commentEvents: commentEventStream(c, agentIds),
  };
}

/** Tickets with their custom status labels (read once, before the first page). */
function ticketStream(c: ZendeskClient, customStatuses: () => Promise<CustomStatuses>): Stream<'tickets'> {
  return {
    name: 'tickets',
    incremental: true,
    primaryKey: (t: Ticket) => t.id,
    async *read(o: ReadOptions = {}) {
      const statuses = await customStatuses();
      yield* simpleStream({
        name: 'tickets',
        incremental: true,
        // support_type_scope=all: every ticket (AI agents' too), deleted ones with status "deleted" (deletedIds).
        pages: (x) =>
          cursorExport(c, '/api/v2/incremental/tickets/cursor.json', 'tickets', {
            ...opt(x),
            params: { support_type_scope: 'all' },
          }),
        schema: rawTicket,
        map: (t) => toTicket(t, statuses),
        deleted: (t) => t.status === 'deleted',
        primaryKey: (t: Ticket) => t.id,
      }).read(o);
    },
  };
}

/** Agents and admins, with their groups from the group memberships. */
function agentStream(c: ZendeskClient): Stream<'agents'> {
  return {
    name: 'agents',
    incremental: false,
    primaryKey: byId,
    async *read(o: ReadOptions = {}) {
      const groupsOf = new Map<string, string[]>();
      for await (const p of cursorList(c, '/api/v2/group_memberships.json', 'group_memberships', opt(o))) {
        for (const raw of p.items) {
          const m = rawGroupMembership.safeParse(raw);
          if (m.success)
            groupsOf.set(m.data.user_id, [...(groupsOf.get(m.data.user_id) ?? []), m.data.group_id]);
        }
      }
      const users = simpleStream({
        name: 'agents',
        incremental: false,
        pages: (x) =>
          cursorList(c, '/api/v2/users.json', 'users', { ...opt(x), params: { role: ['agent', 'admin'] } }),
        schema: rawUser,
        map: (u) => (isAgentRole(u.role) ? toAgent(u, groupsOf.get(u.id) ?? []) : null),
        primaryKey: byId,
      });
      yield* users.read(o);
    },
  };
}

/**
 * Every comment of the account in time order, from the ticket-events export with the comment_events
 * sideload (1000 events a call): the engine stages them and rebuilds each ticket's comments.
 * support_type_scope=all: the export's default scope ("agent", Zendesk OAS TicketSupportTypeScope) leaves
 * out the events of tickets an AI agent handled, which would then arrive with no comments.
 * An event that does not parse is reported (its ticket's comments may be missing), never skipped silently.
 */
const commentEvent = rawComment.extend({ ticket_id: zid });

/** "ticket-event:<id>": the ledger row of an export event that could not be read. */
export const unreadEventId = (id: string): string => `${UNREAD_EVENT_PREFIX}${id}`;

function unreadEvent(raw: unknown, reason: string): RecordReadError {
  const o = (raw && typeof raw === 'object' ? raw : {}) as { id?: unknown; ticket_id?: unknown };
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : 'unknown';
  const ticket =
    typeof o.ticket_id === 'string' || typeof o.ticket_id === 'number' ? String(o.ticket_id) : null;
  return {
    entity: 'comments',
    sourceId: unreadEventId(id),
    reason: `ticket event ${id}${ticket ? ` of ticket ${ticket}` : ''} could not be read (${reason}): the comments it holds are missing`,
    ...(ticket ? { parentSourceId: ticket } : {}),
  };
}

function commentEventStream(
  c: ZendeskClient,
  agentIds: () => Promise<ReadonlySet<string>>,
): Stream<'comments'> {
  return {
    name: 'comments',
    incremental: true,
    primaryKey: byId,
    async *read(o: ReadOptions = {}) {
      const agents = await agentIds();
      const pages = timeExport(c, '/api/v2/incremental/ticket_events.json', 'ticket_events', {
        ...opt(o),
        params: { include: 'comment_events', support_type_scope: 'all' },
      });
      for await (const p of pages) {
        const comments: unknown[] = [];
        const unread: RecordReadError[] = [];
        for (const e of p.items) {
          const ev = rawTicketEvent.safeParse(e);
          if (!ev.success) {
            unread.push(unreadEvent(e, describeIssues(ev.error)));
            continue;
          }
          for (const child of ev.data.child_events) {
            if ((child.event_type ?? child.type) === 'Comment')
              comments.push({ ...child, ticket_id: ev.data.ticket_id });
          }
        }
        const parsed = parseEach('comments', commentEvent, comments, (raw) =>
          toComment(raw.ticket_id, raw, agents),
        );
        // A comment that did not parse still names its ticket.
        const ticketOf = new Map(
          comments.map((x) => [
            String((x as { id?: unknown }).id),
            String((x as { ticket_id: unknown }).ticket_id),
          ]),
        );
        const errors = parsed.errors.map((e) => {
          const ticket = ticketOf.get(e.sourceId);
          return ticket ? { ...e, parentSourceId: ticket } : e;
        });
        const records = parsed.records;
        yield {
          records,
          errors: [...unread, ...errors],
          deletedIds: [],
          cursor: p.next,
          ...(p.completeBefore ? { completeBefore: p.completeBefore } : {}),
        };
      }
    },
  };
}
