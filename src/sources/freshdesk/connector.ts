// The Freshdesk connector (SourceConnector): credentials and role check, cheap counts, the streams, demo
// samples, single tickets, comments and attachment downloads. README.md in this folder explains the
// archived tickets and the account-export fallback.
import type { LookupFunction } from 'node:net';
import { ConfigurationError, InputError } from '../../errors.js';
import type { Ticket } from '../../model/canonical.js';
import type {
  AvailableCounts,
  CommentsOfTicket,
  ConnectorContext,
  CredentialCheck,
  SourceConnector,
} from '../connector.js';
import { createFetchGuard } from '../shared/fetch-guard.js';
import { FRESHDESK_RETRY_POLICY } from './retry.js';
import type { RetryPolicy } from '../shared/retry.js';
import { sampleByIdRange } from '../shared/sample.js';
import { mapInOrder } from '../shared/map-in-order.js';
import { FreshdeskClient } from './client.js';
import { readTicketComments, toCommentsOfTicket } from './comments.js';
import { createActivityReader } from './activities.js';
import { listStreams, stream } from './list-streams.js';
import { listAll } from './paging.js';
import { rawAgentSchema, rawRoleSchema, rawTicketSchema } from './raw-schemas.js';
import { solutionStreams } from './solutions.js';
import { readTickets, type TicketsStreamOptions } from './tickets-stream.js';
import { toTicket } from './to-ticket.js';
import { ESTIMATED_COUNTS, filterTotal, newestTicketId } from './counts.js';
import { isFreshdeskAttachmentUrl } from './attachment-hosts.js';

export interface FreshdeskCredentials {
  /** The account's subdomain: `acme` for acme.freshdesk.com. */
  domain?: string;
  /** Any base URL (CLI and tests only: needs ctx.allowCustomBaseUrl). */
  baseUrl?: string;
  apiKey: string;
}

export interface FreshdeskTuning extends TicketsStreamOptions {
  retry?: RetryPolicy;
  /** Tickets whose comments are fetched at once (results still come in order). */
  commentConcurrency?: number;
  /** DNS lookup for the account's host (tests stub it). */
  lookup?: LookupFunction;
  /** "Today" for the ticket activities export's 30 days (tests: the sample account's days). */
  activityNow?: () => Date;
}

/** Where Freshdesk's export files are linked (signed links on S3): fetched without the API key. */
const EXPORT_FILE_HOSTS = [/\.amazonaws\.com$/];

/** Roles that can read every ticket and start the account export (GET /api/v2/roles names them). */
const ADMIN_ROLES = new Set(['Account Administrator', 'Administrator']);
/** ticket_scope 1 = global access: the agent sees every ticket, not only its groups' or its own. */
const GLOBAL_ACCESS = 1;
const COUNT_BUDGET_MS = 5_000;
/**
 * Tickets read at once: Enterprise's 700 credits a minute at 2 credits a ticket are 5.8 tickets a second,
 * so at 500 ms an answer about 3 in flight reach the limit; 8 leave room for slower answers and paging.
 */
const COMMENT_CONCURRENCY = 8;

export function freshdeskBaseUrl(c: FreshdeskCredentials, ctx: ConnectorContext): string {
  if (c.baseUrl !== undefined) {
    if (!ctx.allowCustomBaseUrl)
      throw new InputError('A Freshdesk base URL is only accepted from the CLI', 'baseUrl');
    return c.baseUrl.replace(/\/+$/, '');
  }
  const domain = (c.domain ?? '')
    .trim()
    .toLowerCase()
    .replace(/\.freshdesk\.com$/, '');
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domain)) {
    throw new InputError(
      'A Freshdesk subdomain has only letters, digits and hyphens (acme for acme.freshdesk.com)',
      'domain',
    );
  }
  return `https://${domain}.freshdesk.com`;
}

export function createFreshdeskConnector(
  credentials: FreshdeskCredentials,
  ctx: ConnectorContext,
  tuning: FreshdeskTuning = {},
): SourceConnector & { client: FreshdeskClient } {
  if (!credentials.apiKey?.trim()) throw new InputError('The Freshdesk API key is missing', 'apiKey');
  const baseUrl = freshdeskBaseUrl(credentials, ctx);
  const client = new FreshdeskClient({
    baseUrl,
    apiKey: credentials.apiKey.trim(),
    logger: ctx.logger,
    retry: tuning.retry,
    ...(tuning.lookup ? { lookup: tuning.lookup } : {}),
  });
  const host = new URL(baseUrl).host;
  const lists = listStreams(client, { perPage: tuning.perPage });
  const solutions = solutionStreams(client);
  /** Archived ids met while streaming: their comments are read from the archive endpoints directly. */
  const archivedIds = new Set<string>();
  let agentIds: Promise<Set<string>> | undefined;
  const knownAgentIds = (signal?: AbortSignal) =>
    (agentIds ??= (async () => {
      const ids = new Set<string>();
      for await (const p of listAll(client, '/api/v2/agents', {}, { signal })) {
        for (const a of p.items) ids.add(String((a as { id?: unknown }).id));
      }
      return ids;
    })());
  const guard = createFetchGuard({
    ownHost: host,
    // Presigned S3 links that expire in minutes (attachment-hosts.ts): fetched as each ticket is loaded.
    allowedHosts: [isFreshdeskAttachmentUrl],
    credentials: {
      Authorization: `Basic ${Buffer.from(`${credentials.apiKey.trim()}:X`).toString('base64')}`,
    },
    allowPrivate: ctx.allowPrivateAddresses === true,
    retry: tuning.retry ?? FRESHDESK_RETRY_POLICY,
  });

  const activities = createActivityReader(
    client,
    createFetchGuard({
      ownHost: host,
      allowedHosts: EXPORT_FILE_HOSTS,
      credentials: {
        Authorization: `Basic ${Buffer.from(`${credentials.apiKey.trim()}:X`).toString('base64')}`,
      },
      allowPrivate: ctx.allowPrivateAddresses === true,
    }),
    tuning.activityNow,
  );

  async function getTicket(id: string, signal?: AbortSignal): Promise<Ticket | null> {
    for (const [path, archived] of [
      [`/api/v2/tickets/${id}`, false],
      [`/api/v2/tickets/archived/${id}`, true],
    ] as const) {
      const res = await client.get(path, { signal, allow: [403, 404] });
      if (res.status !== 200) continue;
      const raw = rawTicketSchema.safeParse(res.data);
      if (!raw.success)
        throw new ConfigurationError(`Freshdesk sent ticket ${id} in a shape Ferry cannot read`, 'source');
      // Its comments are then read from the archive at once (no 404 from the live endpoint first).
      if (archived) archivedIds.add(id);
      return toTicket(raw.data, archived);
    }
    return null;
  }

  return {
    platform: 'freshdesk',
    client,

    async checkCredentials(signal): Promise<CredentialCheck> {
      // developers.freshdesk.com/api/#me: the agent the API key belongs to.
      const me = await client.get('/api/v2/agents/me', { signal, allow: [404] });
      const agent = rawAgentSchema.safeParse(me.data);
      if (me.status === 404 || !agent.success) {
        throw new ConfigurationError(
          `There is no Freshdesk help desk at ${host}: check the subdomain`,
          'source',
        );
      }
      const rolesRes = await client.get('/api/v2/roles', { signal, allow: [403] });
      const roles = new Map<string, string>();
      for (const r of Array.isArray(rolesRes.data) ? rolesRes.data : []) {
        const role = rawRoleSchema.safeParse(r);
        if (role.success) roles.set(role.data.id, role.data.name);
      }
      const roleNames = (agent.data.role_ids ?? []).map((id) => roles.get(id) ?? `role ${id}`);
      const name = agent.data.contact.name ?? agent.data.contact.email ?? `agent ${agent.data.id}`;
      const admin = roleNames.some((n) => ADMIN_ROLES.has(n));
      if (!admin || agent.data.ticket_scope !== GLOBAL_ACCESS) {
        throw new ConfigurationError(
          `This API key belongs to ${name} (${roleNames.join(', ') || 'no role'}), who is not an administrator with ` +
            `global ticket access: Ferry needs an administrator's API key to read every ticket and the account export`,
          'source',
        );
      }
      return {
        account: host.replace(/\.freshdesk\.com$/, ''),
        user: {
          id: agent.data.id,
          name,
          email: agent.data.contact.email ?? null,
          role: roleNames[0] ?? 'admin',
        },
      };
    },

    estimatedCounts: ESTIMATED_COUNTS,

    async countAvailable(signal): Promise<AvailableCounts> {
      // Freshdesk has no count endpoints: count what is one or two calls (counts.ts), leave the rest unknown.
      const budget = AbortSignal.any([AbortSignal.timeout(COUNT_BUDGET_MS), ...(signal ? [signal] : [])]);
      const count = async (path: string): Promise<number | null> => {
        try {
          let n = 0;
          for await (const p of listAll(client, path, {}, { signal: budget })) n += p.items.length;
          return n;
        } catch {
          return null;
        }
      };
      const counted = <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);
      const [tickets, contacts, companies] = await Promise.all([
        counted(newestTicketId(client, budget)),
        counted(filterTotal(client, 'contacts', budget)),
        counted(filterTotal(client, 'companies', budget)),
      ]);
      const [agents, groups, ticketFields, contactFields, companyFields, categories] = await Promise.all([
        count('/api/v2/agents'),
        count('/api/v2/groups'),
        count('/api/v2/ticket_fields'),
        count('/api/v2/contact_fields'),
        count('/api/v2/company_fields'),
        solutions.countCategories(budget).catch(() => null),
      ]);
      return {
        tickets,
        contacts,
        companies,
        agents,
        groups,
        ticket_fields: ticketFields,
        contact_fields: contactFields,
        company_fields: companyFields,
        categories,
        sections: null,
        articles: null,
      };
    },

    streams: {
      ...lists,
      tickets: stream('tickets', true, (read) =>
        readTickets(client, read, {
          ...tuning,
          logger: ctx.logger,
          agentIds: knownAgentIds,
          onArchived: (id) => {
            archivedIds.add(id);
            tuning.onArchived?.(id);
          },
        }),
      ),
      categories: solutions.categories,
      sections: solutions.sections,
      articles: solutions.articles,
    },

    async sampleTickets(n, seed, signal): Promise<Ticket[]> {
      // Ids are one sequence per account: draw ids below the newest and keep those that exist.
      const top = await newestTicketId(client, signal);
      // No bulk show by ids in API v2: candidates are fetched one by one (archived ones included).
      return sampleByIdRange({
        n,
        seed,
        topId: top,
        batchSize: 1,
        fetch: async ([id]) => {
          const t = await getTicket(String(id), signal);
          return t && t.status !== 'deleted' ? [t] : [];
        },
      });
    },

    getTicket,

    async *readComments(ticketIds, signal): AsyncIterable<CommentsOfTicket> {
      const agents = await knownAgentIds(signal);
      // Several tickets in flight, so the answer latency does not bound the read below the rate limit.
      yield* mapInOrder(ticketIds, tuning.commentConcurrency ?? COMMENT_CONCURRENCY, async (id) =>
        toCommentsOfTicket(
          id,
          await readTicketComments(client, id, { archived: archivedIds.has(id), agentIds: agents, signal }),
        ),
      );
    },

    // Events as private notes: from the ticket activities export (activities.ts says what it cannot give).
    readTicketEvents: (ticketId, signal) => activities.eventsOf(ticketId, signal),
    ticketEventsGap: (ticket, signal) => activities.gapOf(ticket, signal),

    openAttachment(attachment, options) {
      return guard.open(attachment.url, options);
    },
  };
}
