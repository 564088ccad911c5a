// The tickets stream: live tickets by `updated_since` windows sorted ascending, then the deleted ones (as
// deletedIds), then the archived ones (archived.ts). GET /tickets stops at page 300 ("a maximum of 300
// pages", developers.freshdesk.com/api/#list_all_tickets; airbyte issue #3858 shows the error past it), so
// when a window reaches its last page the next window restarts from the last updated_at seen and the ids
// already emitted at that instant are skipped. Without updated_since GET /tickets only returns the last 30
// days (airbyte issue #6133), so a full read starts at the epoch.
import { z } from 'zod';
import { ConfigurationError, InputError } from '../../errors.js';
import type { Ticket } from '../../model/canonical.js';
import type { Page, ReadOptions } from '../connector.js';
import { readArchived, type ArchivedCursor, type ArchivedOptions, archivedCursorSchema } from './archived.js';
import type { FreshdeskClient } from './client.js';
import { IdBitset } from './id-bitset.js';
import { getListPage, MAX_PAGE, MAX_PER_PAGE } from './paging.js';
import { parseEach } from '../shared/parse.js';
import { rawTicketSchema } from './raw-schemas.js';
import { toTicket } from './to-ticket.js';

export const EPOCH = '1970-01-01T00:00:00Z';

const liveCursor = z.object({
  phase: z.literal('live'),
  since: z.string(),
  page: z.number().int().positive(),
  /** Ids already emitted whose updated_at is within a second of `since` (skipped when seen again). */
  boundary: z.array(z.string()),
  /** [id, updated_at ms] of what was emitted within the last second of this window so far. */
  tail: z.array(z.tuple([z.string(), z.number()])),
  maxId: z.number(),
  known: z.string(),
});
const deletedCursor = z.object({
  phase: z.literal('deleted'),
  page: z.number().int().positive(),
  maxId: z.number(),
  known: z.string(),
});
const cursorSchema = z.union([liveCursor, deletedCursor, archivedCursorSchema]);
type Cursor = z.infer<typeof cursorSchema>;

export interface TicketsStreamOptions extends ArchivedOptions {
  perPage?: number;
  /** The page cap (300 on Freshdesk; tests lower it with the emulator's). */
  maxPage?: number;
}

function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text) return null;
  try {
    return cursorSchema.parse(JSON.parse(text));
  } catch {
    throw new InputError('This Freshdesk tickets cursor is not one Ferry wrote', 'cursor');
  }
}
const encode = (c: Cursor): string => JSON.stringify(c);

/** Freshdesk's updated_since format: whole seconds, UTC. */
const toParam = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function* readTickets(
  client: FreshdeskClient,
  read: ReadOptions,
  o: TicketsStreamOptions,
): AsyncGenerator<Page<Ticket>> {
  const perPage = o.perPage ?? MAX_PER_PAGE;
  const maxPage = o.maxPage ?? MAX_PAGE;
  let cursor: Cursor | null = decodeCursor(read.cursor) ?? {
    phase: 'live',
    since: read.since ? toParam(read.since.getTime()) : EPOCH,
    page: 1,
    boundary: [],
    tail: [],
    maxId: 0,
    known: '',
  };

  while (cursor?.phase === 'live') {
    const c: z.infer<typeof liveCursor> = cursor;
    const known = IdBitset.fromBase64(c.known);
    const skip = new Set(c.boundary);
    const list = await getListPage(
      client,
      '/api/v2/tickets',
      { updated_since: c.since, order_by: 'updated_at', order_type: 'asc', include: 'description' },
      c.page,
      perPage,
      read.signal,
    );
    const fresh = list.items.filter((item) => {
      const id = (item as { id?: unknown }).id;
      return !skip.has(String(id));
    });
    const parsed = parseEach('tickets', rawTicketSchema, fresh, (raw) => toTicket(raw, false));
    let maxId = c.maxId;
    for (const t of parsed.records) {
      known.add(Number(t.id));
      maxId = Math.max(maxId, Number(t.id) || 0);
    }
    const tail = lastSecond([
      ...c.tail,
      ...parsed.records.map((t): [string, number] => [t.id, Date.parse(t.updatedAt)]),
    ]);
    let next: Cursor;
    if (list.capped !== undefined) {
      // Freshdesk's own cap came before ours (maxPage): split the window where this one got to.
      if (c.tail.length === 0)
        throw new ConfigurationError(
          `Freshdesk refuses page ${c.page} of its ticket list (beyond its ${list.capped}th page) before any ticket was read`,
          'source',
        );
      next = restartWindow(c, c.tail, maxId, known);
    } else if (!list.hasNext || list.items.length === 0) {
      next = { phase: 'deleted', page: 1, maxId, known: known.toBase64() };
    } else if (c.page < maxPage) {
      next = { ...c, page: c.page + 1, tail, maxId, known: known.toBase64() };
    } else {
      next = restartWindow(c, tail, maxId, known);
    }
    cursor = next;
    yield { records: parsed.records, errors: parsed.errors, deletedIds: [], cursor: encode(next) };
  }

  while (cursor?.phase === 'deleted') {
    const c: z.infer<typeof deletedCursor> = cursor;
    const known = IdBitset.fromBase64(c.known);
    // Deleted tickets are listed only under filter=deleted; they are reported so they can be skipped.
    const list = await getListPage(
      client,
      '/api/v2/tickets',
      { filter: 'deleted' },
      c.page,
      perPage,
      read.signal,
    );
    const deletedIds: string[] = [];
    let maxId = c.maxId;
    for (const item of list.items) {
      const id = (item as { id?: unknown }).id;
      if (typeof id !== 'number' && typeof id !== 'string') continue;
      deletedIds.push(String(id));
      known.add(Number(id));
      maxId = Math.max(maxId, Number(id) || 0);
    }
    // Past the cap (ours or Freshdesk's answer) the deleted list is not read further: its ids only count.
    const more = list.hasNext && list.items.length > 0 && c.page < maxPage && list.capped === undefined;
    // Archived tickets never change again: a delta (since) does not look for them.
    const next: Cursor | null = more
      ? { ...c, page: c.page + 1, maxId, known: known.toBase64() }
      : read.since
        ? null
        : { phase: 'archived', mode: 'start', maxId, known: known.toBase64() };
    cursor = next;
    yield { records: [], errors: [], deletedIds, cursor: next ? encode(next) : null };
  }

  if (cursor?.phase === 'archived') {
    yield* readArchived(client, cursor as ArchivedCursor, read.signal, o);
  }
}

/** The entries within one second of the newest one (all that a window restarted there can return again). */
function lastSecond(entries: Array<[string, number]>): Array<[string, number]> {
  const newest = Math.max(...entries.map(([, ms]) => ms));
  return entries.filter(([, ms]) => ms >= newest - 1000);
}

/**
 * Past the page cap: start a new window one second before the last updated_at (so neither an inclusive nor
 * an exclusive `updated_since` can lose the tickets sharing that second), skipping what was already sent.
 */
function restartWindow(
  c: z.infer<typeof liveCursor>,
  tail: Array<[string, number]>,
  maxId: number,
  known: IdBitset,
): Cursor {
  const lastMs = Math.max(...tail.map(([, ms]) => ms));
  const sinceMs = lastMs - 1000;
  if (!Number.isFinite(lastMs) || sinceMs <= Date.parse(c.since)) {
    throw new ConfigurationError(
      `More Freshdesk tickets share the update time ${new Date(lastMs).toISOString()} than one list window can hold`,
      'source',
    );
  }
  const boundary = tail.map(([id]) => id);
  return {
    phase: 'live',
    since: toParam(sinceMs),
    page: 1,
    boundary,
    tail: [],
    maxId,
    known: known.toBase64(),
  };
}
