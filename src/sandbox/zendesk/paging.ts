// Emulated Zendesk pagination: cursor pagination (page[size], page[after] → meta/links) and offset
// pagination (page, per_page → next_page) with the 10,000-record offset limit (QUIRKS.md).
import type { Request } from 'express';
import type { Json } from './render.js';

export const encodeCursor = (index: number): string => Buffer.from(`i:${index}`).toString('base64url');
export function decodeCursor(cursor: string): number | null {
  const m = /^i:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : null;
}

/** An incremental export's cursor: its stream (the order taken at its first page) and the position in it. */
export const encodeExportCursor = (stream: string, position: number): string =>
  Buffer.from(`s:${stream}:${position}`).toString('base64url');
export function decodeExportCursor(cursor: string): { stream: string; position: number } | null {
  const m = /^s:(\w+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? { stream: m[1]!, position: Number(m[2]) } : null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(`HTTP ${status}`);
  }
}

function pageParam(req: Request, name: 'size' | 'after' | 'before'): string | undefined {
  const q = req.query as Record<string, unknown>;
  const page = q['page'];
  if (page && typeof page === 'object' && name in page)
    return String((page as Record<string, unknown>)[name]);
  const flat = q[`page[${name}]`];
  return flat === undefined ? undefined : String(flat);
}

/**
 * Lists `total` items under `key`, fetching each by index. Cursor pagination when page[size] is given,
 * offset pagination otherwise (the only style older clients know).
 */
export function listPage(
  req: Request,
  origin: string,
  key: string,
  total: number,
  item: (index: number) => Json,
  opts: { defaultSize?: number; maxSize?: number } = {},
): Json {
  const offsetLimit = (req.app.get('offsetLimit') as number | undefined) ?? 10_000;
  const size = pageParam(req, 'size');
  // Links keep the request's other parameters (include_inline_images, role[]…), as Zendesk's do.
  const keep = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  for (const k of [...keep.keys()]) if (k.startsWith('page') || k === 'per_page') keep.delete(k);
  const extra = keep.toString() ? `&${keep.toString()}` : '';
  const path = `${origin}${req.path}`;
  if (size !== undefined) {
    const n = Math.min(opts.maxSize ?? 100, Math.max(1, Number(size) || 100));
    const afterRaw = pageParam(req, 'after');
    const start = afterRaw ? decodeCursor(afterRaw) : 0;
    if (start === null)
      throw new ApiError(400, { error: 'InvalidPaginationParameter', description: 'invalid cursor' });
    const end = Math.min(total, start + n);
    const items = range(start, end).map(item);
    const hasMore = end < total;
    const afterCursor = hasMore ? encodeCursor(end) : null;
    return {
      [key]: items,
      meta: {
        has_more: hasMore,
        after_cursor: afterCursor,
        before_cursor: start > 0 ? encodeCursor(start) : null,
      },
      links: {
        next: hasMore ? `${path}?page[size]=${n}&page[after]=${afterCursor}${extra}` : null,
        prev: start > 0 ? `${path}?page[size]=${n}&page[before]=${encodeCursor(start)}${extra}` : null,
      },
    };
  }
  const perPage = Math.min(100, Math.max(1, Number(req.query['per_page']) || (opts.defaultSize ?? 100)));
  const page = Math.max(1, Number(req.query['page']) || 1);
  // https://developer.zendesk.com/documentation/api-basics/pagination/paginating-through-lists
  // "offset-based pagination requests over the first 10,000 records (100 pages) will result in a 400".
  if (page * perPage > offsetLimit) {
    throw new ApiError(400, {
      error: 'InvalidPaginationParameter',
      description: 'Offset pagination is limited to the first 10,000 records. Use cursor pagination.',
    });
  }
  const start = (page - 1) * perPage;
  const end = Math.min(total, start + perPage);
  return {
    [key]: range(start, end).map(item),
    next_page: end < total ? `${path}?page=${page + 1}&per_page=${perPage}${extra}` : null,
    previous_page: page > 1 ? `${path}?page=${page - 1}&per_page=${perPage}${extra}` : null,
    count: total,
  };
}

export const range = (start: number, end: number): number[] =>
  Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);

/** First index in [0, n) whose time is >= t, for a sequence ordered by time. */
export function firstAtOrAfter(n: number, timeOf: (i: number) => number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeOf(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Zendesk answers with and without ".json"; the .json form first, or "/:id" would swallow "1.json". */
export const jsonPaths = (path: string): string[] => [`${path}.json`, path];
