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
}

export function estimateFullRun(input: EstimateInput): FullRunEstimate {
  const n = (entity: string) => (input.entities.includes(entity) ? (input.available[entity] ?? 0) : 0);
  const tickets = n('tickets');
  // Tickets bring their requesters and companies along, so those are read and written in any case.
  const contacts = input.available.contacts ?? 0;
  const companies = input.available.companies ?? 0;
  const articles = n('articles');
  const perTicket = input.commentsPerTicket ?? DEFAULT_COMMENTS_PER_TICKET;
  const comments = Math.round(tickets * perTicket);
  // Intercom: one create per record and per reply, one tag per ticket, one company attach per contact.
  const intercomCalls = contacts * 2 + companies + tickets * 2 + comments + articles;
  // Source: list pages, plus one comments call per ticket.
  const sourceCalls = Math.ceil((tickets + contacts + companies + articles) / PAGE) + tickets;
  const intercomSeconds = (intercomCalls / INTERCOM_CALLS_PER_MINUTE) * 60;
  const sourceSeconds = (sourceCalls / SOURCE_CALLS_PER_MINUTE[input.platform]) * 60;
  return {
    records: tickets + contacts + companies + articles,
    intercomCalls,
    seconds: Math.round(Math.max(intercomSeconds, sourceSeconds)),
    limitedBy: intercomSeconds >= sourceSeconds ? 'intercom' : 'source',
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
