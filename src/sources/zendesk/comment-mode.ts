// Per-ticket comments or the bulk events export: whichever finishes sooner for the run at hand (the
// connector's commentReadPlan, which the engine asks; chooseCommentMode says what each costs). Per ticket:
// one call per 100 comments at the account limit (700 a minute on Enterprise). Bulk: one export call per
// 1000 events of the WHOLE account (a time-ordered export cannot be limited to some tickets) at 10 calls a
// minute.
// Limits: developer.zendesk.com/api-reference/introduction/rate-limits, …/incremental_exports/.
import type { CommentReadInput, CommentReadPlan } from '../connector.js';

export interface CommentModeInput {
  ticketsInRun: number;
  ticketsInAccount: number;
  /** Audits (comments and field-change updates) per ticket; the sample account has about 7.5. */
  eventsPerTicket?: number;
  commentsPerTicket?: number;
  accountLimitPerMinute?: number;
  exportLimitPerMinute?: number;
}

export interface CommentModeCost {
  calls: number;
  minutes: number;
}

export function chooseCommentMode(i: CommentModeInput): {
  mode: 'per-ticket' | 'bulk';
  perTicket: CommentModeCost;
  bulk: CommentModeCost;
} {
  const perTicketCalls = i.ticketsInRun * Math.max(1, Math.ceil((i.commentsPerTicket ?? 5) / 100));
  const bulkCalls = Math.max(1, Math.ceil((i.ticketsInAccount * (i.eventsPerTicket ?? 8)) / 1000));
  const perTicket = { calls: perTicketCalls, minutes: perTicketCalls / (i.accountLimitPerMinute ?? 700) };
  const bulk = { calls: bulkCalls, minutes: bulkCalls / (i.exportLimitPerMinute ?? 10) };
  return { mode: bulk.minutes < perTicket.minutes ? 'bulk' : 'per-ticket', perTicket, bulk };
}

/** The connector's commentReadPlan: the account holds at least the run's tickets; a limit of 0 or none
 *  means Zendesk's documented one. */
export function zendeskCommentReadPlan(i: CommentReadInput): CommentReadPlan {
  if (i.ticketsInRun <= 0) return 'per-ticket';
  const limits = i.limits ?? {};
  return chooseCommentMode({
    ticketsInRun: i.ticketsInRun,
    ticketsInAccount: Math.max(i.ticketsInRun, i.ticketsInAccount ?? i.ticketsInRun),
    ...(limits.accountPerMinute ? { accountLimitPerMinute: limits.accountPerMinute } : {}),
    ...(limits.exportPerMinute ? { exportLimitPerMinute: limits.exportPerMinute } : {}),
  }).mode;
}
