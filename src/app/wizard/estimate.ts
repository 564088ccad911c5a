// Estimates shown on the canvas: a full run's size and duration before it starts, and a running run's time
// left. Pure functions; the rates are the documented defaults of each side.
import type { EntityCount, FullRunEstimate } from '../../../canvas/screens/index.js';
import type { Platform } from '../../model/canonical.js';

/** Intercom: 10,000 calls a minute per app (DESIGN.md, "Limits"). */
export const INTERCOM_CALLS_PER_MINUTE = 10_000;
/**
 * The sources' lowest paid plans: Zendesk Support Team 200 requests/min
 * (developer.zendesk.com/api-reference/introduction/rate-limits), Freshdesk Growth 200 calls/min
 * (support.freshdesk.com article 225439). Higher plans only make the run faster than estimated.
 */
export const SOURCE_CALLS_PER_MINUTE: Record<Platform, number> = { zendesk: 200, freshdesk: 200 };
/** Records a list page returns (both sources page by 100). */
const PAGE = 100;
/** Replies per ticket when no demo measured it. */
const DEFAULT_COMMENTS_PER_TICKET = 4;

export interface EstimateInput {
  platform: Platform;
  /** What the source holds per entity (Test connection). */
  available: Partial<Record<string, number | null>>;
  entities: readonly string[];
  /** Comments per ticket measured by the demo, when there is one. */
  commentsPerTicket?: number | null;
  /** The completed demo: tickets it took in hand and the seconds it ran (its measured pace). */
  demo?: { tickets: number; seconds: number } | null;
}

const ESTIMATED = ['tickets', 'contacts', 'companies', 'articles'] as const;

/** Calls and seconds for these counts, from both sides' documented rate limits. */
function paced(platform: Platform, c: Record<(typeof ESTIMATED)[number], number>, perTicket: number) {
  const comments = Math.round(c.tickets * perTicket);
  // Intercom: one create per record and per reply, one tag per ticket, one company attach per contact.
  const intercomCalls = c.contacts * 2 + c.companies + c.tickets * 2 + comments + c.articles;
  // Source: list pages, plus one comments call per ticket.
  const sourceCalls = Math.ceil((c.tickets + c.contacts + c.companies + c.articles) / PAGE) + c.tickets;
  const intercomSeconds = (intercomCalls / INTERCOM_CALLS_PER_MINUTE) * 60;
  const sourceSeconds = (sourceCalls / SOURCE_CALLS_PER_MINUTE[platform]) * 60;
  return { intercomCalls, intercomSeconds, sourceSeconds };
}

/**
 * The full run's size and duration. What the source could not count (Freshdesk has no count endpoints) is
 * never read as 0: it is named, and the duration is then given per 1,000 tickets, from the demo's measured
 * pace when there is one, else from the rate limits.
 */
export function estimateFullRun(input: EstimateInput): FullRunEstimate {
  const selected = (entity: string) =>
    entity === 'contacts' || entity === 'companies' || input.entities.includes(entity);
  // Tickets bring their requesters and companies along, so those are read and written in any case.
  const counts = { tickets: 0, contacts: 0, companies: 0, articles: 0 };
  const uncounted: (typeof ESTIMATED)[number][] = [];
  for (const e of ESTIMATED) {
    if (!selected(e)) continue;
    const v = input.available[e];
    if (typeof v === 'number') counts[e] = v;
    else uncounted.push(e);
  }
  const perTicket = input.commentsPerTicket ?? DEFAULT_COMMENTS_PER_TICKET;
  const p = paced(input.platform, counts, perTicket);
  const estimate: FullRunEstimate = {
    records: counts.tickets + counts.contacts + counts.companies + counts.articles,
    intercomCalls: p.intercomCalls,
    seconds: Math.round(Math.max(p.intercomSeconds, p.sourceSeconds)),
    limitedBy: p.intercomSeconds >= p.sourceSeconds ? 'intercom' : 'source',
  };
  if (uncounted.length === 0) return estimate;
  const demo = input.demo && input.demo.tickets > 0 && input.demo.seconds > 0 ? input.demo : null;
  const thousand = paced(
    input.platform,
    { tickets: 1000, contacts: 1000, companies: 0, articles: 0 },
    perTicket,
  );
  return {
    ...estimate,
    uncounted,
    perThousandTickets: demo
      ? { seconds: Math.round((demo.seconds / demo.tickets) * 1000), from: 'demo' }
      : { seconds: Math.round(Math.max(thousand.intercomSeconds, thousand.sourceSeconds)), from: 'limits' },
  };
}

/** Time left from the pace so far: (total − done) at the rate done / elapsed; null until there is a pace. */
export function timeLeft(counts: readonly EntityCount[], startedAt: Date | null, now: Date): number | null {
  if (!startedAt) return null;
  const done = counts.reduce((s, c) => s + c.migrated + c.failed + c.skipped, 0);
  const total = counts.reduce((s, c) => s + c.total, 0);
  const elapsed = (now.getTime() - startedAt.getTime()) / 1000;
  if (done === 0 || elapsed <= 0) return null;
  return Math.round(((total - done) * elapsed) / done);
}
