// Intercom's search query language (search_request: single_filter_search_request / multiple_filter_…),
// evaluated over plain objects, with its cursor pagination (starting_after).
import type { Request, Response } from 'express';
import type { EmulatorState, Obj } from './state.js';

type Query = { field?: string; operator?: string; value?: unknown };
/** Reads a searchable field the object does not hold under that path (undefined: use the path). */
type FieldResolver = (o: Obj, field: string) => unknown;

function fieldValue(o: Obj, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);
}

/**
 * 2.16 POST /tickets/search "Accepted Fields": `ticket_attribute.{id}` names a ticket-type attribute by its
 * id, while a ticket holds its attribute values by name; `contact_ids` matches any of the ticket's contacts.
 */
export function ticketFieldResolver(state: EmulatorState): FieldResolver {
  return (o, field) => {
    const byId = /^ticket_attribute\.(.+)$/.exec(field);
    if (byId) {
      const type = state.ticketTypes.get(String(o.ticket_type_id));
      const attribute = type?.attributes.find((a) => String(a.id) === byId[1]);
      return attribute ? ((o.ticket_attributes ?? {}) as Obj)[String(attribute.name)] : undefined;
    }
    return contactIdsField(o, field);
  };
}

/** 2.16 conversation and ticket search "Accepted Fields": `contact_ids` matches any of the object's contacts. */
export function contactIdsField(o: Obj, field: string): unknown {
  return field === 'contact_ids' && Array.isArray(o.contactIds) ? o.contactIds : undefined;
}

export function matchesQuery(o: Obj, q: Query, resolve?: FieldResolver): boolean {
  const op = q.operator ?? '=';
  if (op === 'AND' || op === 'OR') {
    const subs = (Array.isArray(q.value) ? q.value : []) as Query[];
    return op === 'AND'
      ? subs.every((s) => matchesQuery(o, s, resolve))
      : subs.some((s) => matchesQuery(o, s, resolve));
  }
  const field = q.field ?? '';
  const resolved = resolve?.(o, field);
  // A multi-valued field (contact_ids) matches when one of its values does.
  if (Array.isArray(resolved)) return resolved.some((one) => matchesValue(one, op, q.value));
  return matchesValue(resolved !== undefined ? resolved : fieldValue(o, field), op, q.value);
}

function matchesValue(v: unknown, op: string, want: unknown): boolean {
  const str = (x: unknown) => (x === null || x === undefined ? '' : String(x));
  switch (op) {
    case '=':
      return want === null ? v === null || v === undefined : str(v) === str(want);
    case '!=':
      return str(v) !== str(want);
    case 'IN':
      return Array.isArray(want) && want.map(str).includes(str(v));
    case 'NIN':
      return Array.isArray(want) && !want.map(str).includes(str(v));
    case '<':
      return Number(v) < Number(want);
    case '<=':
      return Number(v) <= Number(want);
    case '>':
      return Number(v) > Number(want);
    case '>=':
      return Number(v) >= Number(want);
    case '~':
      return str(v).includes(str(want));
    case '!~':
      return !str(v).includes(str(want));
    case '^':
      return str(v).startsWith(str(want));
    case '$':
      return str(v).endsWith(str(want));
    default:
      return false;
  }
}

/** One page of `items` after the cursor, with the `pages` object Intercom sends. */
export function paginate<T>(
  items: T[],
  pagination: { per_page?: number; starting_after?: string } | undefined,
) {
  const perPage = Math.min(pagination?.per_page ?? 50, 150);
  const start = pagination?.starting_after
    ? Number(Buffer.from(pagination.starting_after, 'base64url').toString())
    : 0;
  const page = items.slice(start, start + perPage);
  const nextStart = start + perPage;
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  return {
    page,
    total_count: items.length,
    pages: {
      type: 'pages',
      page: Math.floor(start / perPage) + 1,
      per_page: perPage,
      total_pages: totalPages,
      ...(nextStart < items.length
        ? {
            next: { per_page: perPage, starting_after: Buffer.from(String(nextStart)).toString('base64url') },
          }
        : {}),
    },
  };
}

/** POST /<things>/search: the query over `items`, one page of them shown with `view`. Objects written less
 * than the state's searchLagMs ago are not found yet: Intercom's search index lags its writes. */
export function answerSearch<T extends Obj>(
  state: EmulatorState,
  req: Request,
  res: Response,
  items: Iterable<T>,
  listType: string,
  key: string,
  view: (item: T) => Obj,
  resolve?: FieldResolver,
): void {
  const body = req.body as { query: object; pagination?: { per_page?: number; starting_after?: string } };
  const at = Date.now();
  const hits = [...items].filter(
    (item) => (state.searchableAt.get(item) ?? 0) <= at && matchesQuery(item, body.query, resolve),
  );
  const p = paginate(hits, body.pagination);
  res.json({ type: listType, [key]: p.page.map(view), total_count: p.total_count, pages: p.pages });
}
