// Intercom's search query language (search_request: single_filter_search_request / multiple_filter_…),
// evaluated over plain objects, with its cursor pagination (starting_after).
import type { Request, Response } from 'express';
import type { Obj } from './state.js';

type Query = { field?: string; operator?: string; value?: unknown };

function fieldValue(o: Obj, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);
}

export function matchesQuery(o: Obj, q: Query): boolean {
  const op = q.operator ?? '=';
  if (op === 'AND' || op === 'OR') {
    const subs = (Array.isArray(q.value) ? q.value : []) as Query[];
    return op === 'AND' ? subs.every((s) => matchesQuery(o, s)) : subs.some((s) => matchesQuery(o, s));
  }
  const v = fieldValue(o, q.field ?? '');
  const want = q.value;
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

/** POST /<things>/search: the query over `items`, one page of them shown with `view`. */
export function answerSearch<T extends Obj>(
  req: Request,
  res: Response,
  items: Iterable<T>,
  listType: string,
  key: string,
  view: (item: T) => Obj,
): void {
  const body = req.body as { query: object; pagination?: { per_page?: number; starting_after?: string } };
  const hits = [...items].filter((item) => matchesQuery(item, body.query));
  const p = paginate(hits, body.pagination);
  res.json({ type: listType, [key]: p.page.map(view), total_count: p.total_count, pages: p.pages });
}
