// Freshdesk's one paging style: ?page=N&per_page=M (M ≤ 100), and a `link: <…>; rel="next"` header while
// there is more (developers.freshdesk.com/api/#pagination). List endpoints stop at page 300 (tickets: "a
// maximum of 300 pages"); tickets get past it by windows (tickets-stream.ts).
import type { FreshdeskClient } from './client.js';

export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 300;

export interface ListPage {
  items: unknown[];
  page: number;
  hasNext: boolean;
}

export async function getListPage(
  client: FreshdeskClient,
  path: string,
  params: Record<string, string | number>,
  page: number,
  perPage: number,
  signal?: AbortSignal,
): Promise<ListPage> {
  const res = await client.get(path, { params: { ...params, page, per_page: perPage }, signal });
  const items = Array.isArray(res.data) ? res.data : [];
  if (!Array.isArray(res.data)) {
    throw new Error(`Freshdesk answered ${path} with something other than a list`);
  }
  const link = res.headers['link'];
  // Without a link header at all, a full page is the only hint that another may follow.
  const hasNext = link !== undefined ? /rel="?next"?/.test(link) : items.length === perPage;
  return { items, page, hasNext };
}

/** Every page of a list endpoint, in order (for lists that stay far below the page cap). */
export async function* listAll(
  client: FreshdeskClient,
  path: string,
  params: Record<string, string | number> = {},
  options: { perPage?: number; startPage?: number; signal?: AbortSignal } = {},
): AsyncGenerator<ListPage> {
  const perPage = options.perPage ?? MAX_PER_PAGE;
  for (let page = options.startPage ?? 1; ; page++) {
    const p = await getListPage(client, path, params, page, perPage, options.signal);
    yield p;
    if (!p.hasNext || p.items.length === 0) return;
  }
}
