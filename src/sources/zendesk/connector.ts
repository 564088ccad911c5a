// The Zendesk source connector (SourceConnector): credentials and role check, cheap counts, streams, demo
// sampling, comments per ticket, audits, and guarded attachment downloads.
import type { LookupFunction } from 'node:net';
import { ConfigurationError } from '../../errors.js';
import type { Comment, TicketEvent } from '../../model/canonical.js';
import type {
  AvailableCounts,
  CommentsOfTicket,
  ConnectorContext,
  RecordReadError,
  SourceConnector,
} from '../connector.js';
import { createFetchGuard } from '../shared/fetch-guard.js';
import { HttpFailure } from '../shared/http-client.js';
import { parseEach } from '../shared/parse.js';
import type { Clock } from '../shared/rate-gate.js';
import type { RetryPolicy } from '../shared/retry.js';
import { sampleByIdRange } from '../shared/sample.js';
import {
  createZendeskClient,
  REJECTED_CREDENTIALS,
  ZENDESK_RETRY_POLICY,
  type ZendeskClient,
} from './client.js';
import { zendeskCommentReadPlan } from './comment-mode.js';
import { isAgentRole, toComment, toTicket, toTicketEvent, type CustomStatuses } from './map.js';
import { authHeader, resolveBaseUrl, type ZendeskConnectorOptions } from './options.js';
import { readZendeskCompanies, readZendeskContacts, zendeskLive } from './live.js';
import { cursorList } from './pages.js';
import { countEnvelope, rawAudit, rawComment, rawCustomStatus, rawTicket, rawUser } from './raw.js';
import { zendeskStreams } from './streams.js';
import { mapInOrder } from '../shared/map-in-order.js';

/** Tickets whose comments are read at once (per-ticket reads; the bulk export is one stream). */
const COMMENT_CONCURRENCY = 8;

export type { ZendeskConnectorOptions, ZendeskAuth } from './options.js';

/** Knobs for tests and the bench (never set from an admin's input). */
export interface ZendeskTuning {
  retryPolicy?: Partial<RetryPolicy>;
  clock?: Clock;
  onRequest?: (url: string) => void;
  /** DNS lookup for the account's host (tests stub it). */
  lookup?: LookupFunction;
}

// Zendesk serves attachments from the account's host and redirects to its user-content hosts.
// https://developer.zendesk.com/documentation/api-basics/best-practices/working-with-url-properties/
const ZENDESK_FILE_HOSTS = [/^[a-z0-9-]+\.zdusercontent\.com$/i];

export function createZendeskConnector(
  options: ZendeskConnectorOptions,
  ctx: ConnectorContext,
  tuning: ZendeskTuning = {},
): SourceConnector {
  const baseUrl = resolveBaseUrl(options, ctx.allowCustomBaseUrl ?? false);
  const authorization = authHeader(options.auth);
  const c: ZendeskClient = createZendeskClient({
    baseUrl,
    authorization,
    logger: ctx.logger,
    ...(options.exportLimitPerMinute ? { exportLimitPerMinute: options.exportLimitPerMinute } : {}),
    ...(tuning.retryPolicy ? { retryPolicy: tuning.retryPolicy } : {}),
    ...(tuning.clock ? { clock: tuning.clock } : {}),
    ...(tuning.onRequest ? { onRequest: tuning.onRequest } : {}),
    ...(tuning.lookup ? { lookup: tuning.lookup } : {}),
  });
  const guard = createFetchGuard({
    ownHost: c.host,
    allowedHosts: ZENDESK_FILE_HOSTS,
    credentials: { Authorization: authorization },
    allowPrivate: ctx.allowPrivateAddresses ?? false,
    retry: { ...ZENDESK_RETRY_POLICY, ...tuning.retryPolicy },
    ...(tuning.clock ? { clock: tuning.clock } : {}),
  });

  let agentIdsPromise: Promise<ReadonlySet<string>> | null = null;
  const agentIds = (signal?: AbortSignal): Promise<ReadonlySet<string>> => {
    agentIdsPromise ??= (async () => {
      const ids = new Set<string>();
      for await (const p of cursorList(c, '/api/v2/users.json', 'users', {
        params: { role: ['agent', 'admin'] },
        ...(signal ? { signal } : {}),
      })) {
        for (const u of p.items) {
          const parsed = rawUser.safeParse(u);
          if (parsed.success && isAgentRole(parsed.data.role)) ids.add(parsed.data.id);
        }
      }
      return ids;
    })();
    agentIdsPromise.catch(() => (agentIdsPromise = null));
    return agentIdsPromise;
  };

  // Custom ticket statuses (GET /api/v2/custom_statuses, "no pagination is provided"): their labels say
  // more than `status`. An account without the feature answers 403 or 404: no labels then.
  let statusesPromise: Promise<CustomStatuses> | null = null;
  const customStatuses = (signal?: AbortSignal): Promise<CustomStatuses> => {
    statusesPromise ??= (async () => {
      try {
        const res = await c.http.getJson('/api/v2/custom_statuses.json', signal ? { signal } : {});
        const items = (res.data as { custom_statuses?: unknown[] } | null)?.custom_statuses ?? [];
        const parsed = items
          .map((i) => rawCustomStatus.safeParse(i))
          .flatMap((p) => (p.success ? [p.data] : []));
        return new Map(parsed.map((s) => [s.id, s]));
      } catch (err) {
        if (err instanceof HttpFailure && (err.failure.status === 403 || err.failure.status === 404))
          return new Map();
        throw err;
      }
    })();
    statusesPromise.catch(() => (statusesPromise = null));
    return statusesPromise;
  };

  const streams = zendeskStreams(
    c,
    () => agentIds(),
    () => customStatuses(),
  );
  const count = async (path: string, signal?: AbortSignal): Promise<number | null> => {
    try {
      const res = await c.http.getJson(path, signal ? { signal } : {});
      const parsed = countEnvelope.safeParse(res.data);
      if (parsed.success) return parsed.data.count.value;
      const n = (res.data as { count?: unknown } | null)?.count;
      return typeof n === 'number' ? n : null;
    } catch (err) {
      if (err instanceof ConfigurationError) throw err;
      return null;
    }
  };

  async function commentsOf(ticketId: string, signal?: AbortSignal): Promise<CommentsOfTicket> {
    const agents = await agentIds(signal);
    const comments: Comment[] = [];
    const errors: RecordReadError[] = [];
    try {
      // Cursor pages of 100; inline images listed as attachments too (include_inline_images).
      for await (const p of cursorList(
        c,
        `/api/v2/tickets/${encodeURIComponent(ticketId)}/comments.json`,
        'comments',
        {
          params: { include_inline_images: 'true' },
          ...(signal ? { signal } : {}),
        },
      )) {
        const parsed = parseEach('comments', rawComment, p.items, (raw) => toComment(ticketId, raw, agents));
        comments.push(...parsed.records);
        errors.push(...parsed.errors);
      }
    } catch (err) {
      if (!(err instanceof HttpFailure && err.failure.status === 404)) throw err;
      errors.push({
        entity: 'comments',
        sourceId: ticketId,
        reason: 'The ticket no longer exists in Zendesk',
      });
    }
    return { ticketId, comments, errors };
  }

  return {
    platform: 'zendesk',
    streams,
    commentEvents: streams.commentEvents,
    commentReadPlan: zendeskCommentReadPlan,
    live: zendeskLive(c),
    readContacts: (ids, signal) => readZendeskContacts(c, ids, signal),
    readCompanies: (ids, signal) => readZendeskCompanies(c, ids, signal),

    async checkCredentials(signal) {
      const res = await c.http.getJson('/api/v2/users/me.json', signal ? { signal } : {});
      const user = rawUser.safeParse((res.data as { user?: unknown } | null)?.user);
      // An unauthenticated call may come back as the anonymous user (no id): the credentials did not work.
      if (!user.success) throw new ConfigurationError(REJECTED_CREDENTIALS, 'source');
      const u = user.data;
      if (u.role !== 'admin') {
        throw new ConfigurationError(
          `This API token belongs to ${u.email ?? u.name ?? 'a user'}, a Zendesk ${u.role}, not an admin: the exports Ferry reads need an admin`,
          'source',
        );
      }
      return {
        account: c.host,
        user: { id: u.id, name: u.name ?? '', email: u.email ?? null, role: u.role },
      };
    },

    async countAvailable(signal): Promise<AvailableCounts> {
      const staff = '/api/v2/users.json?role[]=agent&role[]=admin&per_page=1';
      const [
        tickets,
        users,
        companies,
        agents,
        groups,
        ticketFields,
        contactFields,
        companyFields,
        articles,
      ] = await Promise.all([
        count('/api/v2/tickets/count.json', signal),
        count('/api/v2/users/count.json', signal),
        count('/api/v2/organizations/count.json', signal),
        count(staff, signal),
        count('/api/v2/groups.json?per_page=1', signal),
        count('/api/v2/ticket_fields.json?per_page=1', signal),
        count('/api/v2/user_fields.json?per_page=1', signal),
        count('/api/v2/organization_fields.json?per_page=1', signal),
        count('/api/v2/help_center/articles.json?per_page=1', signal),
      ]);
      return {
        tickets,
        contacts: users !== null && agents !== null ? users - agents : null,
        companies,
        agents,
        groups,
        ticket_fields: ticketFields,
        contact_fields: contactFields,
        company_fields: companyFields,
        articles,
      };
    },

    async sampleTickets(n, seed, signal) {
      // Over the whole account, not its first pages: ticket ids are one sequence per account, so ids are
      // drawn below the newest and fetched 100 at a time with show_many (GET /api/v2/tickets/show_many,
      // "up to 100 tickets"); a 20-ticket demo costs about three calls on any account. The newest id is
      // the first of the list sorted by id, descending (List Tickets: sort_by, sort_order), and at least
      // the count (deleted tickets keep their ids). Archived tickets are not in the list and may not be
      // in show_many either: a demo then draws from the rest.
      const opts = signal ? { signal } : {};
      const [newest, live] = await Promise.all([
        c.http.getJson('/api/v2/tickets.json?sort_by=id&sort_order=desc&per_page=1', opts),
        count('/api/v2/tickets/count.json', signal),
      ]);
      const first = rawTicket.safeParse((newest.data as { tickets?: unknown[] } | null)?.tickets?.[0]);
      return sampleByIdRange({
        n,
        seed,
        topId: Math.max(first.success ? Number(first.data.id) : 0, live ?? 0),
        batchSize: 100,
        fetch: async (ids) => {
          const res = await c.http.getJson(`/api/v2/tickets/show_many.json?ids=${ids.join(',')}`, opts);
          const items = (res.data as { tickets?: unknown[] } | null)?.tickets ?? [];
          const statuses = await customStatuses(signal);
          const parsed = parseEach('tickets', rawTicket, items, (t) => toTicket(t, statuses));
          return parsed.records.filter((t) => t.status !== 'deleted');
        },
      });
    },

    async getTicket(id, signal) {
      try {
        const res = await c.http.getJson(
          `/api/v2/tickets/${encodeURIComponent(id)}.json`,
          signal ? { signal } : {},
        );
        const parsed = rawTicket.safeParse((res.data as { ticket?: unknown } | null)?.ticket);
        return parsed.success ? toTicket(parsed.data, await customStatuses(signal)) : null;
      } catch (err) {
        if (err instanceof HttpFailure && err.failure.status === 404) return null;
        throw err;
      }
    },

    async *readComments(ticketIds, signal) {
      // Several tickets in flight (map-in-order.ts): the answer latency must not bound a per-ticket read.
      yield* mapInOrder(ticketIds, COMMENT_CONCURRENCY, (id) => commentsOf(id, signal));
    },

    async readTicketEvents(ticketId, signal): Promise<TicketEvent[]> {
      const events: TicketEvent[] = [];
      for await (const p of cursorList(
        c,
        `/api/v2/tickets/${encodeURIComponent(ticketId)}/audits.json`,
        'audits',
        signal ? { signal } : {},
      )) {
        const parsed = parseEach('ticket_events', rawAudit, p.items, toTicketEvent);
        for (const e of parsed.records) if (e) events.push(e);
      }
      return events;
    },

    openAttachment(attachment, o) {
      return guard.open(attachment.url, o);
    },
  };
}
