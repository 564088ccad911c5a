// Zendesk-only cases of the sample account (issue 11 §2, "nothing dropped without a reason"): tickets an AI
// agent handled, and custom ticket statuses. Computed from the canonical ticket, so the account's records
// and counts stay as they were; the Zendesk emulator renders them (src/sandbox/zendesk/).
import type { Ticket } from '../../model/canonical.js';

/** Tickets an AI agent handled: Zendesk's exports leave them out unless asked for support_type_scope=all. */
export const isAiAgentTicket = (i: number): boolean => i % 10 === 8;

export interface SampleCustomStatus {
  id: number;
  category: 'new' | 'open' | 'pending' | 'hold' | 'solved';
  agentLabel: string;
  endUserLabel: string;
  /** Zendesk's default status of its category. */
  isDefault: boolean;
}

/** The account's custom ticket statuses (GET /api/v2/custom_statuses): the defaults and two of its own. */
export const CUSTOM_STATUSES: readonly SampleCustomStatus[] = [
  { id: 9001, category: 'new', agentLabel: 'New', endUserLabel: 'Open', isDefault: true },
  { id: 9002, category: 'open', agentLabel: 'Open', endUserLabel: 'Open', isDefault: true },
  {
    id: 9003,
    category: 'pending',
    agentLabel: 'Pending',
    endUserLabel: 'Awaiting your reply',
    isDefault: true,
  },
  { id: 9004, category: 'hold', agentLabel: 'On-hold', endUserLabel: 'Open', isDefault: true },
  { id: 9005, category: 'solved', agentLabel: 'Solved', endUserLabel: 'Solved', isDefault: true },
  // Bears the name of an Intercom ticket state ("In progress"): it becomes that state.
  { id: 9006, category: 'open', agentLabel: 'In progress', endUserLabel: 'Open', isDefault: false },
  // Bears no Intercom state's name: it is kept as a ticket attribute.
  { id: 9007, category: 'pending', agentLabel: 'Waiting on vendor', endUserLabel: 'Open', isDefault: false },
];

const CATEGORY: Partial<Record<Ticket['status'], SampleCustomStatus['category']>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'hold',
  solved: 'solved',
  closed: 'solved',
};

/** Ticket i's custom status: every third open or pending ticket has the account's own, the rest the default. */
export function customStatusOf(t: Pick<Ticket, 'status'>, i: number): SampleCustomStatus | null {
  const category = CATEGORY[t.status];
  if (!category) return null;
  const own = i % 3 === 1 ? CUSTOM_STATUSES.find((s) => s.category === category && !s.isDefault) : undefined;
  return own ?? CUSTOM_STATUSES.find((s) => s.category === category && s.isDefault) ?? null;
}
