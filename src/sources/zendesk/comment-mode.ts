// Per-ticket comments or the bulk events export: whichever finishes sooner for the run at hand (the engine
// decides; this says what each costs). Per ticket: one call per 100 comments at the account limit (700 a
// minute on Enterprise). Bulk: one export call per 1000 events of the WHOLE account (a time-ordered export
// cannot be limited to some tickets) at 10 calls a minute.
// Limits: developer.zendesk.com/api-reference/introduction/rate-limits, …/incremental_exports/.

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
