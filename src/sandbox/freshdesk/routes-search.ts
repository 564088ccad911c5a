// The filter ("search") API: GET /api/v2/search/{tickets,contacts,companies}?query="…"&page=N answers
// {"results":[…],"total":N}, 30 results a page and no page past 10 (300 results), with the number of all
// matches in `total`; the query is wrapped in double quotes, at most 512 characters. Ferry uses `total` to
// count an account cheaply (one call per entity). The emulator takes the date conditions Ferry sends
// (`created_at:>'YYYY-MM-DD'`, `updated_at:<'…'`, joined by AND) and refuses any other query as Freshdesk
// refuses an invalid one (400 "Validation failed"). QUIRKS.md, "Filter API".
import { Router, type Request, type Response } from 'express';
import type { SampleAccount } from '../sample-account/index.js';
import { sendError } from './gate.js';
import type { TicketIndex } from './routes-tickets.js';
import { renderCompany, renderContact, renderTicket } from './render.js';

export const SEARCH_PAGE_SIZE = 30;
export const SEARCH_MAX_PAGE = 10;
const MAX_QUERY = 512;

interface Dated {
  createdAt: string;
  updatedAt: string;
}
type Condition = (r: Dated) => boolean;

const invalid = (res: Response, field: string, message: string): void =>
  sendError(res, 400, {
    description: 'Validation failed',
    errors: [{ field, message, code: 'invalid_value' }],
  });

/** The query's conditions, or null after answering 400 for a query the emulator does not take. */
function parseQuery(req: Request, res: Response): Condition[] | null {
  const q = String(req.query.query ?? '');
  if (q.length > MAX_QUERY + 2 || !/^".*"$/s.test(q)) {
    invalid(
      res,
      'query',
      'It should be a valid query string wrapped in double quotes (at most 512 characters)',
    );
    return null;
  }
  const out: Condition[] = [];
  for (const part of q.slice(1, -1).split(/\s+AND\s+/)) {
    const m = /^(created_at|updated_at):([<>])'(\d{4}-\d{2}-\d{2})'$/.exec(part.trim());
    if (!m) {
      invalid(res, 'query', `The emulator does not take the condition ${part}`);
      return null;
    }
    const at = Date.parse(`${m[3]}T00:00:00Z`);
    const key = m[1] === 'created_at' ? 'createdAt' : 'updatedAt';
    out.push(m[2] === '>' ? (r) => Date.parse(r[key]) >= at : (r) => Date.parse(r[key]) < at);
  }
  return out;
}

function readSearchPage(req: Request, res: Response): number | null {
  const page = req.query.page === undefined ? 1 : Number(req.query.page);
  if (!Number.isInteger(page) || page < 1 || page > SEARCH_MAX_PAGE) {
    invalid(res, 'page', `It should be a Positive Number less than or equal to ${SEARCH_MAX_PAGE}`);
    return null;
  }
  return page;
}

export function searchRoutes(account: SampleAccount, index: TicketIndex): Router {
  const r = Router();
  const ticketFields = account.fields('ticket');
  const serve = <T extends Dated>(
    path: string,
    positions: () => ArrayLike<number>,
    at: (i: number) => T,
    render: (record: T) => unknown,
  ) =>
    r.get(path, (req, res) => {
      const conditions = parseQuery(req, res);
      if (!conditions) return;
      const page = readSearchPage(req, res);
      if (page === null) return;
      const all = positions();
      const hits: T[] = [];
      for (let k = 0; k < all.length; k++) {
        const record = at(all[k]!);
        if (conditions.every((c) => c(record))) hits.push(record);
      }
      const from = (page - 1) * SEARCH_PAGE_SIZE;
      res.json({ results: hits.slice(from, from + SEARCH_PAGE_SIZE).map(render), total: hits.length });
    });
  // Live tickets only: uncertain whether the filter API sees archived tickets; QUIRKS.md says why none here.
  serve(
    '/api/v2/search/tickets',
    () => index.live,
    (i) => account.ticket(i),
    (t) => renderTicket(t, undefined, { description: false, attachments: false }, ticketFields),
  );
  // Deleted contacts are left out, as GET /contacts leaves them out.
  const liveContacts: number[] = [];
  for (let i = 0; i < account.size.contacts; i++)
    if (!account.isDeletedUser(account.contact(i).id)) liveContacts.push(i);
  serve(
    '/api/v2/search/contacts',
    () => liveContacts,
    (i) => account.contact(i),
    renderContact,
  );
  serve(
    '/api/v2/search/companies',
    () => Array.from({ length: account.size.companies }, (_, i) => i),
    (i) => account.company(i),
    renderCompany,
  );
  return r;
}
