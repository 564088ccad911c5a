// Ticket routes: GET /tickets (updated_since, order_by/order_type, filter=deleted, include=description),
// a ticket (include=conversations: its first ten), its conversations, and the archived-ticket endpoints
// (the same include).
// Archived tickets are left out of GET /tickets and answer 404 on /tickets/{id}, exactly as Freshdesk does.
import { Router, type Request, type Response } from 'express';
import type { SampleAccount } from '../sample-account/index.js';
import { withOrigin } from '../sample-account/index.js';
import { sendError } from './gate.js';
import { origin, readPage, sendPage } from './pages.js';
import { renderConversation, renderTicket } from './render.js';

export interface TicketIndex {
  /** Live ticket indexes in updated_at order (the sample's clock grows with the index). */
  live: Int32Array;
  deleted: Int32Array;
  archived: Uint8Array;
}

/**
 * `byUpdate`: order live tickets by updated_at instead of trusting the sample's clock (which grows with the
 * index); for a test that changed tickets after the emulator started (the emulator's `reindex()`).
 */
export function indexTickets(account: SampleAccount, o: { byUpdate?: boolean } = {}): TicketIndex {
  const n = account.size.tickets;
  const archived = new Uint8Array(n);
  for (const i of account.archivedTicketIndexes()) archived[i] = 1;
  const deletedList = account.deletedTicketIndexes();
  const deletedFlag = new Uint8Array(n);
  for (const i of deletedList) deletedFlag[i] = 1;
  const live: number[] = [];
  for (let i = 0; i < n; i++) if (!archived[i] && !deletedFlag[i]) live.push(i);
  if (o.byUpdate) {
    const at = new Map(live.map((i) => [i, Date.parse(account.ticket(i).updatedAt)]));
    live.sort((a, b) => at.get(a)! - at.get(b)! || a - b);
  }
  return { live: Int32Array.from(live), deleted: Int32Array.from(deletedList), archived };
}

const notFound = (res: Response): void => sendError(res, 404, { message: 'Not found' });
const includes = (req: Request, what: string): boolean =>
  String(req.query.include ?? '')
    .split(',')
    .includes(what);

export function ticketRoutes(
  account: SampleAccount,
  index: TicketIndex,
  o: { maxPage: number; archiveFeature: boolean },
): Router {
  const r = Router();
  const indexOf = (id: string): number | null => {
    const i = Number(id) - 1;
    return Number.isInteger(i) && i >= 0 && i < account.size.tickets ? i : null;
  };
  const conversations = (req: Request, i: number) =>
    account
      .comments(i)
      .slice(1)
      .map((c) => renderConversation(withOrigin(c, origin(req))));
  const ticketFields = account.fields('ticket');
  const ticketJson = (req: Request, i: number, description: boolean) => {
    const first = account.comments(i)[0];
    return renderTicket(
      account.ticket(i),
      first && withOrigin(first, origin(req)),
      { description, attachments: description },
      ticketFields,
    );
  };

  r.get('/api/v2/tickets', (req, res) => {
    const p = readPage(req, res, o.maxPage);
    if (!p) return;
    const withDescription = includes(req, 'description');
    if (req.query.filter === 'deleted') {
      sendPage(req, res, p, index.deleted.length, (k) => ticketJson(req, index.deleted[k]!, withDescription));
      return;
    }
    const since = req.query.updated_since === undefined ? null : Date.parse(String(req.query.updated_since));
    if (since !== null && Number.isNaN(since)) {
      sendError(res, 400, {
        description: 'Validation failed',
        errors: [
          {
            field: 'updated_since',
            message: "It should be in the 'valid date' format",
            code: 'invalid_value',
          },
        ],
      });
      return;
    }
    // Without updated_since only the last 30 days are listed (airbyte issue #6133).
    const from = since ?? Date.now() - 30 * 86_400_000;
    // updated_since is inclusive here (QUIRKS.md: not documented either way; the connector copes with both).
    let lo = 0;
    let hi = index.live.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Date.parse(account.ticket(index.live[mid]!).updatedAt) >= from) hi = mid;
      else lo = mid + 1;
    }
    const count = index.live.length - lo;
    const desc = req.query.order_type !== 'asc';
    sendPage(req, res, p, count, (k) =>
      ticketJson(req, index.live[desc ? index.live.length - 1 - k : lo + k]!, withDescription),
    );
  });

  r.get('/api/v2/tickets/archived/:id', (req, res) => {
    if (!o.archiveFeature) return featureMissing(res);
    const i = indexOf(req.params.id);
    if (i === null || !index.archived[i]) return notFound(res);
    const body: Record<string, unknown> = { ...ticketJson(req, i, true), archived: true };
    // The archive takes the ticket view's includes (Freshdesk's Archive::TicketsController validates them
    // with TicketIncludeValidation; its decorator embeds the first MAX_INCLUDE conversations): QUIRKS.md.
    if (includes(req, 'conversations')) body.conversations = conversations(req, i).slice(0, 10);
    res.json(body);
  });

  r.get('/api/v2/tickets/archived/:id/conversations', (req, res) => {
    if (!o.archiveFeature) return featureMissing(res);
    const i = indexOf(req.params.id);
    if (i === null || !index.archived[i]) return notFound(res);
    const p = readPage(req, res, null);
    if (!p) return;
    const list = conversations(req, i);
    sendPage(req, res, p, list.length, (k) => list[k]);
  });

  r.get('/api/v2/tickets/:id', (req, res) => {
    const i = indexOf(req.params.id);
    if (i === null || index.archived[i]) return notFound(res);
    const body: Record<string, unknown> = ticketJson(req, i, true);
    // include=conversations embeds the first ten conversations (QUIRKS.md).
    if (includes(req, 'conversations')) body.conversations = conversations(req, i).slice(0, 10);
    res.json(body);
  });

  r.get('/api/v2/tickets/:id/conversations', (req, res) => {
    const i = indexOf(req.params.id);
    if (i === null || index.archived[i]) return notFound(res);
    const p = readPage(req, res, null);
    if (!p) return;
    const list = conversations(req, i);
    sendPage(req, res, p, list.length, (k) => list[k]);
  });

  return r;
}

function featureMissing(res: Response): void {
  sendError(res, 403, {
    code: 'require_feature',
    message:
      'The Archive Tickets feature(s) is/are not supported in your plan. Please upgrade your account to use it.',
  });
}
