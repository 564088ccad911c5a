// Zendesk's three paging styles as page readers over the shared followPages generator:
// - cursor pagination of lists (page[size] → meta.has_more, links.next), never offset pagination (which
//   fails past 10,000 records: QUIRKS.md);
// - the cursor-based incremental exports (start_time, then cursor=after_cursor until end_of_stream);
// - the time-based ticket-events export (start_time → end_time/next_page; items at the boundary second
//   come again on the next page, so they are de-duplicated by id).
import { followPages, type Fetched } from '../shared/paging.js';
import type { ZendeskClient } from './client.js';
import { cursorExportEnvelope, cursorListEnvelope, timeExportEnvelope } from './raw.js';

type Params = Record<string, string | number | boolean | string[] | undefined>;

/**
 * Zendesk refuses an export whose start_time is less than a minute old (support OAS, IncrementalUnixTime:
 * "Must be at least one minute in the past"; the refusal is an HTTP 400, which no retry cures). A delta
 * started right after a run asks from that run's start: it starts 61 s back instead. The overlap is
 * harmless, since the ledger's hashes leave records that did not change untouched.
 */
export const EXPORT_MIN_AGE_S = 61;

/** The first request's start_time (seconds): `since`, or EXPORT_MIN_AGE_S ago when that is more recent. */
export function exportStartTime(since: Date | undefined, nowMs: number = Date.now()): number {
  const asked = Math.floor((since?.getTime() ?? 0) / 1000);
  return Math.min(asked, Math.floor(nowMs / 1000) - EXPORT_MIN_AGE_S);
}

function itemsAt(data: unknown, key: string): unknown[] {
  const items = (data as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(items)) throw new Error(`Zendesk response has no "${key}" list`);
  return items;
}

/** A list endpoint by cursor pagination; `cursor` is the next-page URL Zendesk gave. */
export function cursorList(
  c: ZendeskClient,
  path: string,
  key: string,
  o: { params?: Params; cursor?: string | null; signal?: AbortSignal } = {},
): AsyncGenerator<Fetched<unknown> & { at: string | null }> {
  return followPages(o.cursor ?? null, async (at) => {
    const res = await c.http.getJson(at ?? path, {
      ...(at ? {} : { params: { ...o.params, 'page[size]': 100 } }),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const env = cursorListEnvelope.parse(res.data);
    return { items: itemsAt(res.data, key), next: env.meta?.has_more ? (env.links?.next ?? null) : null };
  });
}

/** A cursor-based incremental export: start_time first, then the after_cursor until end_of_stream. */
export function cursorExport(
  c: ZendeskClient,
  path: string,
  key: string,
  o: { params?: Params; since?: Date; cursor?: string | null; signal?: AbortSignal },
): AsyncGenerator<Fetched<unknown> & { at: string | null }> {
  return followPages(o.cursor ?? null, async (at) => {
    const params: Params = at
      ? { ...o.params, cursor: at }
      : { ...o.params, start_time: exportStartTime(o.since) };
    const res = await c.http.getJson(path, {
      params,
      gate: c.exportGate,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const env = cursorExportEnvelope.parse(res.data);
    return { items: itemsAt(res.data, key), next: env.end_of_stream ? null : (env.after_cursor ?? null) };
  });
}

interface TimeCursor {
  /** start_time of the next request (seconds). */
  t: number;
  /** Ids already read at second t (they come again). */
  seen: string[];
}

/** The time-based ticket-events export, de-duplicated at page boundaries. */
export async function* timeExport(
  c: ZendeskClient,
  path: string,
  key: string,
  o: { params?: Params; since?: Date; cursor?: string | null; signal?: AbortSignal },
): AsyncGenerator<Fetched<unknown> & { at: string | null }> {
  const first: TimeCursor = o.cursor
    ? (JSON.parse(o.cursor) as TimeCursor)
    : { t: exportStartTime(o.since), seen: [] };
  yield* followPages(JSON.stringify(first), async (at) => {
    const cur = JSON.parse(at!) as TimeCursor;
    const res = await c.http.getJson(path, {
      params: { ...o.params, start_time: cur.t },
      gate: c.exportGate,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const env = timeExportEnvelope.parse(res.data);
    const seen = new Set(cur.seen);
    const all = itemsAt(res.data, key);
    const fresh = all.filter((x) => !(timeOf(x) === cur.t && seen.has(idOf(x))));
    if (env.end_of_stream || !env.next_page) return { items: fresh, next: null };
    const endTime = env.end_time ?? cur.t;
    const atEnd = all.filter((x) => timeOf(x) === endTime).map(idOf);
    // Same second as before: keep the ids read earlier too, or they would come back a third time.
    // Zendesk's end_time leaves out the last minute, so it is never too recent to ask from; should it be
    // (a clock ahead of ours), ask from a minute back and read a few items again rather than be refused.
    const t = Math.min(endTime, exportStartTime(new Date(endTime * 1000)));
    const next: TimeCursor = { t, seen: endTime === cur.t ? [...cur.seen, ...atEnd] : atEnd };
    // The next request starts at end_time and may still hold items of that second: complete only before it.
    const completeBefore = new Date(endTime * 1000).toISOString();
    return { items: fresh, next: JSON.stringify(next), completeBefore };
  });
}

const timeOf = (x: unknown): number => Number((x as { timestamp?: unknown }).timestamp);
const idOf = (x: unknown): string => String((x as { id?: unknown }).id);
