// Freshdesk's one paging style: ?page=N&per_page=M (M ≤ 100), and a `link: <…>; rel="next"` header while
// there is more (developers.freshdesk.com/api/#pagination). List endpoints stop at page 300 (tickets: "a
// maximum of 300 pages"): a page past the cap comes back `capped`, whatever the cap is, and the tickets
// stream gets past it by windows (tickets-stream.ts).
import { ConfigurationError } from '../../errors.js';
import type { FreshdeskClient } from './client.js';

export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 300;

export interface ListPage {
  items: unknown[];
  page: number;
  hasNext: boolean;
  /** Freshdesk refused this page as past its page cap (the N of "beyond the Nth page"): no items. */
  capped?: number;
}

/**
 * The cap in Freshdesk's refusal of a page past it: 400 {"description":"Validation failed","errors":[{"field":
 * "page","message":"You cannot access tickets beyond the 300th page. …","code":"invalid_value"}]} (the
 * wording as airbyte issue #3858 quotes it); null for any other answer.
 */
export function pageCapOf(body: unknown): number | null {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return null;
  for (const e of errors as Array<{ field?: unknown; message?: unknown }>) {
    const m = /beyond the (\d+)\s*(?:st|nd|rd|th)?\s*page/i.exec(String(e.message ?? ''));
    if (e.field === 'page' && m) return Number(m[1]);
  }
  return null;
}

export async function getListPage(
  client: FreshdeskClient,
  path: string,
  params: Record<string, string | number>,
  page: number,
  perPage: number,
  signal?: AbortSignal,
): Promise<ListPage> {
  const res = await client.get(path, {
    params: { ...params, page, per_page: perPage },
    signal,
    allow: [400],
  });
  if (res.status === 400) {
    const cap = pageCapOf(res.data);
    if (cap === null) throw client.errorFor(res, path);
    return { items: [], page, hasNext: false, capped: cap };
  }
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
    // No window to split here: stopping would drop the rest of the list without a word.
    if (p.capped !== undefined)
      throw new ConfigurationError(
        `Freshdesk refuses ${path} beyond its ${p.capped}th page: the rest of that list cannot be read`,
        'source',
      );
    yield p;
    if (!p.hasNext || p.items.length === 0) return;
  }
}
