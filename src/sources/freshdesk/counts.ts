// Cheap counts of what a Freshdesk account holds (Freshdesk has no count endpoints), one call each:
// - contacts and companies: the filter API's `total` (GET /api/v2/search/contacts|companies?query="…"
//   answers {"results":[…30],"total":N}, the number of all matches, however many of its 10 pages of 30 can
//   be read): exact;
// - tickets: the id range. A ticket's id is the number agents see, one sequence per account, so the newest
//   ticket's id is how many tickets were ever created: live, archived (which the filter API and GET /tickets
//   leave out), deleted and spam alike. An estimate, from above, and labelled as one (ESTIMATED_COUNTS).
import { z } from 'zod';
import type { EntityName } from '../../model/canonical.js';
import type { FreshdeskClient } from './client.js';
import { EPOCH } from './tickets-stream.js';

/** The counts that are estimates (the wizard says "about"). */
export const ESTIMATED_COUNTS: readonly EntityName[] = ['tickets'];

/** Freshdesk exists since 2010: nothing in an account was created before this day. */
const BEFORE_ANY = '2000-01-01';

const searchTotal = z.object({ total: z.number().int().nonnegative() });
const newest = z.array(z.object({ id: z.union([z.number(), z.string()]) }));

/** The filter API's number of matches for everything created since BEFORE_ANY. */
export async function filterTotal(
  client: FreshdeskClient,
  entity: 'contacts' | 'companies' | 'tickets',
  signal?: AbortSignal,
): Promise<number> {
  const res = await client.get(`/api/v2/search/${entity}`, {
    params: { query: `"created_at:>'${BEFORE_ANY}'"` },
    signal,
  });
  return searchTotal.parse(res.data).total;
}

/** The newest ticket's id (0 for an account without tickets): how many tickets were ever created. */
export async function newestTicketId(client: FreshdeskClient, signal?: AbortSignal): Promise<number> {
  const res = await client.get('/api/v2/tickets', {
    // Without updated_since only 30 days are listed (QUIRKS.md): from the epoch, newest created first.
    params: { updated_since: EPOCH, order_by: 'created_at', order_type: 'desc', per_page: 1 },
    signal,
  });
  const top = newest.parse(res.data)[0];
  return top ? Number(top.id) || 0 : 0;
}
