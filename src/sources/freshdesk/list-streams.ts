// The plain list streams: contacts (live, then deleted), companies, agents, groups and the three field lists.
// Each yields one Page per API page; the cursor is where the next page starts.
import { z } from 'zod';
import { ConfigurationError, InputError } from '../../errors.js';
import type { EntityName, EntityRecordMap, FieldDefinition } from '../../model/canonical.js';
import type { Page, ReadOptions, Stream } from '../connector.js';
import type { FreshdeskClient } from './client.js';
import { getListPage, MAX_PER_PAGE } from './paging.js';
import { parseEach } from '../shared/parse.js';
import {
  rawAgentSchema,
  rawCompanySchema,
  rawContactSchema,
  rawFieldSchema,
  rawGroupSchema,
  rawRoleSchema,
} from './raw-schemas.js';
import { toField } from './to-field.js';
import { toAgent, toCompany, toContact, toGroup } from './to-people.js';

export function stream<E extends EntityName>(
  name: E,
  incremental: boolean,
  read: (options: ReadOptions) => AsyncIterable<Page<EntityRecordMap[E]>>,
  primaryKey: (r: EntityRecordMap[E]) => string = (r) => (r as { id: string }).id,
): Stream<E> {
  return { name, incremental, primaryKey, read: (options = {}) => read(options) };
}

const pagedCursor = z.object({ part: z.number().int().nonnegative(), page: z.number().int().positive() });
type PagedCursor = z.infer<typeof pagedCursor>;

function decode(text: string | null | undefined): PagedCursor {
  if (!text) return { part: 0, page: 1 };
  try {
    return pagedCursor.parse(JSON.parse(text));
  } catch {
    throw new InputError('This Freshdesk cursor is not one Ferry wrote', 'cursor');
  }
}

interface Part {
  path: string;
  params: Record<string, string | number>;
}

/** Pages through one or more list requests in turn (contacts: the live ones, then the deleted ones). */
async function* pagedParts<T>(
  client: FreshdeskClient,
  parts: Part[],
  read: ReadOptions,
  parse: (items: unknown[]) => { records: T[]; errors: Page<T>['errors'] },
  perPage: number,
): AsyncGenerator<Page<T>> {
  let c: PagedCursor | null = decode(read.cursor);
  while (c && c.part < parts.length) {
    const part = parts[c.part]!;
    const list = await getListPage(client, part.path, part.params, c.page, perPage, read.signal);
    // These lists have no window to split: stopping here would drop the rest without a word.
    if (list.capped !== undefined)
      throw new ConfigurationError(
        `Freshdesk refuses ${part.path} beyond its ${list.capped}th page: the rest of that list cannot be read`,
        'source',
      );
    const { records, errors } = parse(list.items);
    const more = list.hasNext && list.items.length > 0;
    c = more
      ? { part: c.part, page: c.page + 1 }
      : c.part + 1 < parts.length
        ? { part: c.part + 1, page: 1 }
        : null;
    yield { records, errors, deletedIds: [], cursor: c ? JSON.stringify(c) : null };
  }
}

/** Freshdesk's `_updated_since` format on contacts. */
const sinceParam = (since: Date): string => since.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function listStreams(client: FreshdeskClient, o: { perPage?: number } = {}) {
  const perPage = o.perPage ?? MAX_PER_PAGE;
  let roles: Promise<Map<string, string>> | undefined;
  const roleNames = (signal?: AbortSignal) =>
    (roles ??= client.get('/api/v2/roles', { signal }).then((res) => {
      const parsed = parseEach('agents', rawRoleSchema, Array.isArray(res.data) ? res.data : [], (r) => r);
      return new Map(parsed.records.map((r) => [r.id, r.name]));
    }));

  const fieldStream = <E extends 'ticket_fields' | 'contact_fields' | 'company_fields'>(
    name: E,
    scope: FieldDefinition['scope'],
  ) =>
    stream(name, false, async function* (read) {
      // Field lists come whole (no paging).
      const res = await client.get(`/api/v2/${scope}_fields`, { signal: read.signal });
      const parsed = parseEach(name, rawFieldSchema, Array.isArray(res.data) ? res.data : [], (raw) =>
        toField(raw, scope),
      );
      yield { ...parsed, deletedIds: [], cursor: null } as Page<EntityRecordMap[E]>;
    });

  return {
    contacts: stream('contacts', true, (read) => {
      const since: Record<string, string> = read.since ? { _updated_since: sinceParam(read.since) } : {};
      return pagedParts(
        client,
        [
          { path: '/api/v2/contacts', params: since },
          // Deleted contacts are listed only with state=deleted; comments still name them as authors.
          { path: '/api/v2/contacts', params: { ...since, state: 'deleted' } },
        ],
        read,
        (items) => parseEach('contacts', rawContactSchema, items, toContact),
        perPage,
      );
    }),
    companies: stream('companies', false, (read) =>
      pagedParts(
        client,
        [{ path: '/api/v2/companies', params: {} }],
        read,
        (items) => parseEach('companies', rawCompanySchema, items, toCompany),
        perPage,
      ),
    ),
    agents: stream('agents', false, async function* (read) {
      const names = await roleNames(read.signal);
      yield* pagedParts(
        client,
        [{ path: '/api/v2/agents', params: {} }],
        read,
        (items) => parseEach('agents', rawAgentSchema, items, (raw) => toAgent(raw, names)),
        perPage,
      );
    }),
    groups: stream('groups', false, (read) =>
      pagedParts(
        client,
        [{ path: '/api/v2/groups', params: {} }],
        read,
        (items) => parseEach('groups', rawGroupSchema, items, toGroup),
        perPage,
      ),
    ),
    ticket_fields: fieldStream('ticket_fields', 'ticket'),
    contact_fields: fieldStream('contact_fields', 'contact'),
    company_fields: fieldStream('company_fields', 'company'),
  };
}
