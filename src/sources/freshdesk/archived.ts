// Archived tickets. Freshdesk archives closed tickets after months without activity and GET /tickets never
// lists them again; on older accounts they are most of the history. Each one is readable by id
// (GET /api/v2/tickets/archived/{id}, and /conversations), so the question is only which ids exist:
//   1. the account export (POST /api/v2/account/export, admins only) lists every ticket with its archived
//      state. Its contract is not in Freshdesk's public reference: we follow what public scripts show (the
//      job's `job.link.href` polled until `progress` reaches 100, then `data.download_attachment.url`), and
//      read the file when it is JSON;
//   2. FALLBACK (export refused, failed, timed out, or a file we cannot read, such as a ZIP): probe the gaps.
//      Ticket ids are one sequence per account, so every id up to the highest one seen that is neither live
//      nor deleted is asked for at /tickets/archived/{id}; probing goes on past the highest id until
//      `probeGapLimit` ids in a row are missing. Cost: one call per gap id — about what reading the archived
//      tickets costs anyway — plus the misses (spam, purged tickets). A 403 there means the account has no
//      archive feature, so there is nothing archived to find. README.md has the whole story.
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { Ticket } from '../../model/canonical.js';
import type { CommentsOfTicket, Page, RecordReadError } from '../connector.js';
import type { FreshdeskClient } from './client.js';
import { IdBitset } from './id-bitset.js';
import { parseEach } from '../shared/parse.js';
import {
  rawExportFileSchema,
  rawExportStartSchema,
  rawExportStatusSchema,
  rawTicketSchema,
} from './raw-schemas.js';
import { toTicket } from './to-ticket.js';
import { ticketPath, ticketWithComments } from './comments.js';
import { mapInOrder } from '../shared/map-in-order.js';

export const archivedCursorSchema = z.union([
  z.object({ phase: z.literal('archived'), mode: z.literal('start'), maxId: z.number(), known: z.string() }),
  z.object({
    phase: z.literal('archived'),
    mode: z.literal('export'),
    url: z.string(),
    offset: z.number().int().nonnegative(),
    maxId: z.number(),
    known: z.string(),
  }),
  z.object({
    phase: z.literal('archived'),
    mode: z.literal('probe'),
    nextId: z.number().int().positive(),
    misses: z.number().int().nonnegative(),
    maxId: z.number(),
    known: z.string(),
  }),
]);
export type ArchivedCursor = z.infer<typeof archivedCursorSchema>;

export interface ArchivedOptions {
  /** Read archived tickets through the account export (else straight to probing the id gaps). */
  useAccountExport?: boolean;
  exportPollMs?: number;
  exportTimeoutMs?: number;
  /** Consecutive misses past the highest known id before probing stops. */
  probeGapLimit?: number;
  /** Archived ids found, so readComments knows which endpoint to ask. */
  onArchived?: (id: string) => void;
  /**
   * The account's agent ids (to tell agents' conversations from end users'). Given: each archived ticket is
   * read with include=conversations and its comments travel with its page (Page.comments), so the plan
   * keeps them and they are never read again; absent: tickets only.
   */
  agentIds?: (signal?: AbortSignal) => Promise<ReadonlySet<string>>;
  logger?: Logger;
}

/** Ids asked for per page (each is one call). */
const BATCH = 25;
/** Archived tickets read at once (connector.ts, COMMENT_CONCURRENCY, says why). */
const ARCHIVE_CONCURRENCY = 8;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function* readArchived(
  client: FreshdeskClient,
  start: ArchivedCursor,
  signal: AbortSignal | undefined,
  o: ArchivedOptions,
): AsyncGenerator<Page<Ticket>> {
  let cursor: ArchivedCursor | null = start;
  let exportIds: string[] | null = null;

  if (cursor.mode === 'start') {
    const url = o.useAccountExport === false ? null : await startExport(client, signal, o);
    cursor = url
      ? { phase: 'archived', mode: 'export', url, offset: 0, maxId: cursor.maxId, known: cursor.known }
      : { phase: 'archived', mode: 'probe', nextId: 1, misses: 0, maxId: cursor.maxId, known: cursor.known };
  }
  if (cursor.mode === 'export') {
    exportIds = await downloadExport(client, cursor.url, signal, o);
    if (exportIds === null) {
      cursor = {
        phase: 'archived',
        mode: 'probe',
        nextId: 1,
        misses: 0,
        maxId: cursor.maxId,
        known: cursor.known,
      };
    }
  }

  while (cursor) {
    let ids: string[];
    let next: ArchivedCursor | null;
    if (cursor.mode === 'export' && exportIds) {
      ids = exportIds.slice(cursor.offset, cursor.offset + BATCH);
      const offset: number = cursor.offset + ids.length;
      next = offset < exportIds.length ? { ...cursor, offset } : null;
    } else if (cursor.mode === 'probe') {
      const known = IdBitset.fromBase64(cursor.known);
      ids = [];
      let id: number = cursor.nextId;
      const limit = o.probeGapLimit ?? 50;
      // Ids at or below the highest seen are all probed; past it, only until `limit` misses in a row.
      while (ids.length < BATCH && (id <= cursor.maxId || cursor.misses + ids.length < limit)) {
        if (!known.has(id)) ids.push(String(id));
        id++;
      }
      next = ids.length > 0 ? { ...cursor, nextId: id } : null;
    } else {
      break;
    }
    if (ids.length === 0) break;

    const found = await fetchArchived(client, ids, signal, o.agentIds);
    if (found.featureMissing) {
      o.logger?.info(
        'freshdesk: the account has no ticket archive (403 on /tickets/archived): nothing to probe',
      );
      yield { records: [], errors: [], deletedIds: [], cursor: null };
      return;
    }
    for (const t of found.records) o.onArchived?.(t.id);
    if (next?.mode === 'probe' && cursor.mode === 'probe') {
      // Count misses in a row past the highest known id (a hit resets the count).
      let misses: number = cursor.misses;
      for (const id of ids) {
        if (Number(id) <= cursor.maxId) continue;
        misses = found.hitIds.has(id) ? 0 : misses + 1;
      }
      const maxId = Math.max(cursor.maxId, ...[...found.hitIds].map(Number));
      next = { ...next, misses, maxId };
    }
    cursor = next;
    yield {
      records: found.records,
      errors: found.errors,
      deletedIds: [],
      cursor: cursor ? JSON.stringify(cursor) : null,
      ...(o.agentIds ? { comments: found.comments } : {}),
    };
  }
}

interface ArchivedBatch {
  records: Ticket[];
  errors: RecordReadError[];
  comments: CommentsOfTicket[];
  hitIds: Set<string>;
  featureMissing: boolean;
}

async function fetchArchived(
  client: FreshdeskClient,
  ids: string[],
  signal: AbortSignal | undefined,
  agentIds: ArchivedOptions['agentIds'],
): Promise<ArchivedBatch> {
  const found: ArchivedBatch = {
    records: [],
    errors: [],
    comments: [],
    hitIds: new Set(),
    featureMissing: false,
  };
  const agents = agentIds ? await agentIds(signal) : null;
  const raws: unknown[] = [];
  const readOne = async (id: string) => {
    const res = await client.get(ticketPath(id, true), {
      signal,
      allow: [403, 404],
      ...(agents ? { params: { include: 'conversations' } } : {}),
    });
    const read =
      res.status === 200 && agents
        ? await ticketWithComments(client, id, res, { archived: true, agentIds: agents, signal })
        : null;
    return { id, res, read };
  };
  // The first id alone (a 403 there ends the read without a burst of them), then several in flight (as
  // readComments does): the answer latency must not bound the read.
  async function* answersInOrder() {
    yield* mapInOrder(ids.slice(0, 1), 1, readOne);
    yield* mapInOrder(ids.slice(1), ARCHIVE_CONCURRENCY, readOne);
  }
  const answers = answersInOrder();
  for await (const { id, res, read } of answers) {
    if (res.status === 403) return { ...found, featureMissing: true };
    if (res.status === 404) continue;
    found.hitIds.add(id);
    if (!read) {
      raws.push(res.data);
      continue;
    }
    if (read.ticket) {
      found.records.push(read.ticket);
      found.comments.push({ ticketId: id, comments: read.comments, errors: read.errors });
    } else found.errors.push(...read.errors.map((e) => ({ ...e, entity: 'tickets' as const })));
  }
  const parsed = parseEach('tickets', rawTicketSchema, raws, (raw) => toTicket(raw, true));
  found.records.push(...parsed.records);
  found.errors.push(...parsed.errors);
  return found;
}

/** Starts the account export and waits for its file; null when it is not available (then we probe). */
async function startExport(
  client: FreshdeskClient,
  signal: AbortSignal | undefined,
  o: ArchivedOptions,
): Promise<string | null> {
  const started = await client.post(
    '/api/v2/account/export',
    // `date_range` is reported mandatory (see README.md); the whole history is asked for.
    {
      date_range: { start_date: '1970-01-01', end_date: new Date().toISOString().slice(0, 10) },
      format: 'json',
    },
    { signal, allow: [400, 403, 404, 405, 422] },
  );
  const job = rawExportStartSchema.safeParse(started.data);
  if (started.status >= 300 || !job.success) {
    o.logger?.info({ status: started.status }, 'freshdesk: account export unavailable, probing archived ids');
    return null;
  }
  const deadline = Date.now() + (o.exportTimeoutMs ?? 30 * 60_000);
  const href = job.data.job.link.href;
  if (!sameOrigin(client, href)) return null;
  while (Date.now() < deadline) {
    const res = await client.get(href, { signal, allow: [404] });
    const status = rawExportStatusSchema.safeParse(res.data);
    if (res.status !== 200 || !status.success || status.data.status === 'failed') return null;
    const url = status.data.data?.download_attachment?.url;
    if ((status.data.progress ?? 0) >= 100 && url) return url;
    await sleep(o.exportPollMs ?? 5_000);
  }
  o.logger?.warn('freshdesk: account export timed out, probing archived ids');
  return null;
}

/** The archived ids listed in the export file, or null when the file cannot be read. */
async function downloadExport(
  client: FreshdeskClient,
  url: string,
  signal: AbortSignal | undefined,
  o: ArchivedOptions,
): Promise<string[] | null> {
  // Credentials go only to the account's own host (the file link on another host is not followed).
  if (!sameOrigin(client, url)) return null;
  const res = await client.get(url, { signal, allow: [401, 403, 404, 410] });
  const file = rawExportFileSchema.safeParse(res.data);
  if (res.status !== 200 || !file.success) {
    o.logger?.info({ status: res.status }, 'freshdesk: export file unreadable, probing archived ids');
    return null;
  }
  return file.data.tickets.filter((t) => t.archived === true).map((t) => t.id);
}

function sameOrigin(client: FreshdeskClient, url: string): boolean {
  try {
    return new URL(url, client.origin).origin === new URL(client.origin).origin;
  } catch {
    return false;
  }
}
