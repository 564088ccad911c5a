// The incremental exports: tickets and users by cursor (deleted tickets included with
// support_type_scope=all), ticket events by time with the comment_events sideload.
// Docs: https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api
import { Router, type Request } from 'express';
import { isAiAgentTicket } from '../sample-account/index.js';
import type { ZendeskData } from './data.js';
import {
  ApiError,
  decodeExportCursor,
  encodeExportCursor,
  firstAtOrAfter,
  jsonPaths,
  range,
} from './paging.js';
import type { Json } from './render.js';

export interface ExportOptions {
  /** Items per page of the time-based ticket-events export (Zendesk: up to 1000). */
  eventsPageSize: number;
}

/**
 * Zendesk refuses a start_time less than a minute old: the support OAS says it "must be more than 60 seconds
 * ago" (IncrementalUnixTime) and leaves the answer undocumented. Ferry's field report saw HTTP 400; older
 * client code quotes the body {"error":"InvalidValue","description":"Too recent start_time. Use a start_time
 * older than …"} (with 422 in some years): the emulator answers 400 with that body.
 */
export function tooRecentStartTime(startTime: number, nowMs: number = Date.now()): ApiError | null {
  if (startTime <= Math.floor(nowMs / 1000) - 60) return null;
  return new ApiError(400, {
    error: 'InvalidValue',
    description: 'Too recent start_time. Use a start_time older than 1 minute',
  });
}

export function exportRoutes(d: ZendeskData, origin: () => string, o: ExportOptions): Router {
  const r = Router();

  // Zendesk's cursor exports go in updated_at order, so a ticket changed after a newer one comes after it. The
  // order is taken once per stream (its first page) and the cursor names the stream and the position; a change
  // made during the stream is seen by the next export, as a delta's watermark (its start) guarantees.
  const streams = new Map<string, number[]>();
  let streamSeq = 0;

  function streamOrder(total: number, timeOf: (i: number) => number): number[] {
    const order = range(0, total);
    const times = order.map(timeOf);
    const monotonic = times.every((t, i) => i === 0 || t >= times[i - 1]!);
    return monotonic ? order : order.sort((a, b) => times[a]! - times[b]! || a - b);
  }

  function cursorExport(
    req: Request,
    key: string,
    total: number,
    timeOf: (i: number) => number,
    item: (i: number) => Json | null,
  ): Json {
    const cursor = req.query['cursor'];
    let stream: string;
    let start: number;
    if (typeof cursor === 'string') {
      const decoded = decodeExportCursor(cursor);
      if (decoded === null || !streams.has(decoded.stream))
        throw new ApiError(400, { error: 'InvalidCursor', description: 'cursor is invalid' });
      ({ stream, position: start } = decoded);
    } else {
      const startTime = Number(req.query['start_time']);
      if (!Number.isFinite(startTime)) {
        throw new ApiError(400, {
          error: 'InvalidValue',
          description: 'start_time is required on the first request',
        });
      }
      const refusal = tooRecentStartTime(startTime);
      if (refusal) throw refusal;
      stream = `${key}${++streamSeq}`;
      const order = streamOrder(total, timeOf);
      streams.set(stream, order);
      // A few streams at once at most (a run's exports); the oldest is forgotten.
      if (streams.size > 16) streams.delete(streams.keys().next().value!);
      start = firstAtOrAfter(order.length, (p) => timeOf(order[p]!), startTime * 1000);
    }
    const order = streams.get(stream)!;
    const perPage = Math.min(1000, Math.max(1, Number(req.query['per_page']) || 1000));
    const end = Math.min(order.length, start + perPage);
    const after = encodeExportCursor(stream, end);
    const before = start > 0 ? encodeExportCursor(stream, start) : null;
    return {
      [key]: order
        .slice(start, end)
        .map(item)
        .filter((x): x is Json => x !== null),
      after_cursor: after,
      after_url: `${origin()}${req.path}?cursor=${after}`,
      before_cursor: before,
      before_url: before ? `${origin()}${req.path}?cursor=${before}` : null,
      end_of_stream: end >= order.length,
    };
  }

  r.get(jsonPaths('/api/v2/incremental/tickets/cursor'), (req, res) => {
    const scope = supportScope(req);
    const all = scope === 'all';
    res.json(
      cursorExport(req, 'tickets', d.account.size.tickets, d.ticketUpdatedAt, (i) => {
        // Deleted tickets appear with status "deleted"; the default scope leaves them out here (emulator choice).
        if (d.deleted.has(i) && !all) return null;
        if (!inScope(scope, i)) return null;
        return d.ticket(i);
      }),
    );
  });

  r.get(jsonPaths('/api/v2/incremental/users/cursor'), (req, res) => {
    res.json(cursorExport(req, 'users', d.userCount, d.userUpdatedAt, d.user));
  });

  r.get(jsonPaths('/api/v2/incremental/ticket_events'), (req, res) => {
    const startTime = Number(req.query['start_time']);
    if (!Number.isFinite(startTime))
      throw new ApiError(400, { error: 'InvalidValue', description: 'start_time is required' });
    const refusal = tooRecentStartTime(startTime);
    if (refusal) throw refusal;
    const withComments = String(req.query['include'] ?? '')
      .split(',')
      .includes('comment_events');
    const scope = supportScope(req);
    const page = eventsFrom(d, startTime, o.eventsPageSize, (i) => inScope(scope, i));
    const items = page.items.map((a) => ({
      id: a.id,
      ticket_id: a.ticketId,
      // Injected fault: an event no schema accepts (the connector must report it, not skip it).
      timestamp: d.unreadableEventTicketIds.has(a.ticketId) ? 'soon' : a.time,
      created_at: a.createdAt,
      updater_id: a.authorId,
      via: 'Web form',
      system: {},
      metadata: {},
      event_type: 'Audit',
      merged_ticket_ids: [],
      child_events: a.events.map((e) => childEvent(e, a.id, withComments)),
    }));
    const endTime = page.items.length > 0 ? page.items[page.items.length - 1]!.time : startTime;
    const include = `${withComments ? '&include=comment_events' : ''}${scope === 'agent' ? '' : `&support_type_scope=${scope}`}`;
    res.json({
      ticket_events: items,
      count: items.length,
      end_time: endTime,
      next_page: page.end ? null : `${origin()}${req.path}?start_time=${endTime}${include}`,
      end_of_stream: page.end,
    });
  });
  return r;
}

function childEvent(e: Json, auditId: number, withComments: boolean): Json {
  if (e['type'] !== 'Comment')
    return { ...e, event_type: e['type'], via: 'Web form', via_reference_id: null };
  if (!withComments)
    return { id: e['id'], event_type: 'Comment', comment_present: true, comment_public: e['public'] };
  return { ...e, event_type: 'Comment', audit_id: auditId, via_reference_id: null };
}

/**
 * support_type_scope of the ticket exports: "agent" by default, "ai_agent" or "all" (Zendesk OAS
 * TicketSupportTypeScope). Tickets an AI agent handled are out of the default scope.
 */
type SupportScope = 'agent' | 'ai_agent' | 'all';
function supportScope(req: Request): SupportScope {
  const v = req.query['support_type_scope'];
  if (v === undefined) return 'agent';
  if (v === 'agent' || v === 'ai_agent' || v === 'all') return v;
  throw new ApiError(400, { error: 'InvalidValue', description: 'support_type_scope is invalid' });
}
const inScope = (scope: SupportScope, i: number): boolean =>
  scope === 'all' || (scope === 'ai_agent') === isAiAgentTicket(i);

/** The first `limit` audits at or after `startTime` (seconds), in time order, across tickets in scope. */
function eventsFrom(d: ZendeskData, startTime: number, limit: number, wanted: (i: number) => boolean) {
  const n = d.account.size.tickets;
  // Every audit of ticket i happens between its creation and its last update, and both grow with i.
  let i = firstAtOrAfter(n, d.ticketUpdatedAt, startTime * 1000);
  const found: ReturnType<ZendeskData['audits']> = [];
  let cutoff = Infinity;
  for (; i < n; i++) {
    const created = Math.floor(Date.parse(d.account.ticket(i).createdAt) / 1000);
    if (created > cutoff) break;
    if (!wanted(i)) continue;
    for (const a of d.audits(i)) if (a.time >= startTime) found.push(a);
    if (found.length >= limit) {
      found.sort((x, y) => x.time - y.time || x.id - y.id);
      cutoff = found[limit - 1]!.time;
    }
  }
  found.sort((x, y) => x.time - y.time || x.id - y.id);
  return { items: found.slice(0, limit), end: found.length <= limit && i >= n };
}
