// Paging styles as generators (STYLE.md §3), one per style, used by every stream. Each fetches a page,
// yields it, and asks the page where to go next; a stream only says how to fetch and how to read a page.

export interface Fetched<T> {
  items: T[];
  /** Where the next page is (a cursor, a URL, a start time), or null at the end. */
  next: string | null;
  /** Time-ordered streams: every item timed before this instant (ISO) has been read by now. */
  completeBefore?: string;
}

/** Follows `next` until the vendor says the stream ended. Guards against a cursor that does not move. */
export async function* followPages<T>(
  first: string | null,
  fetchPage: (at: string | null) => Promise<Fetched<T>>,
): AsyncGenerator<Fetched<T> & { at: string | null }> {
  let at = first;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(at);
    yield { ...page, at };
    if (page.next === null) return;
    if (seen.has(page.next)) throw new Error(`Pagination did not advance (cursor ${page.next.slice(0, 80)})`);
    seen.add(page.next);
    at = page.next;
  }
}

/** Reads a whole (small) paged list into memory: fields, groups, categories. */
export async function collectPages<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const all: T[] = [];
  for await (const p of pages) all.push(...p.items);
  return all;
}
