// Where everything sits in the sample account: sizes derived from the ticket count, the id scheme (disjoint
// numeric ranges so ids never collide and each id says what it is), and the clock (timestamps grow with
// the index, so an export ordered by index is ordered by time too).

export interface Sizes {
  tickets: number;
  contacts: number;
  companies: number;
  agents: number;
  groups: number;
  categories: number;
  sections: number;
  articles: number;
}

export const MIN_TICKETS = 20;
export const MAX_TICKETS = 100_000;

export function sizesFor(tickets: number): Sizes {
  return {
    tickets,
    contacts: Math.floor(tickets / 2) + 10,
    companies: Math.floor(tickets / 20) + 3,
    agents: Math.min(60, 8 + Math.floor(tickets / 2000)),
    groups: 4,
    categories: 3,
    sections: 6,
    articles: 12,
  };
}

// Numeric id ranges (as strings). Zendesk ids are integers; Freshdesk ids too: both emulators can use them.
export const ids = {
  agent: (i: number) => String(1_000_000 + i + 1),
  contact: (i: number) => String(2_000_000 + i + 1),
  company: (i: number) => String(3_000_000 + i + 1),
  group: (i: number) => String(4_000_000 + i + 1),
  field: (i: number) => String(5_000_000 + i + 1),
  category: (i: number) => String(6_000_000 + i + 1),
  section: (i: number) => String(6_100_000 + i + 1),
  article: (i: number) => String(6_200_000 + i + 1),
  ticket: (i: number) => String(i + 1),
  /** Comment k of ticket i: k < 1000 (the longest ticket has 600). */
  comment: (ticketIndex: number, k: number) => String(10_000_000 + (ticketIndex + 1) * 1000 + k),
  /** Field-change event k of ticket i (its own range, so never equal to a comment id). */
  event: (ticketIndex: number, k: number) => String(500_000_000_000 + (ticketIndex + 1) * 100 + k),
  /** Attachment a of comment `commentId` (a < 100). */
  commentAttachment: (commentId: string, a: number) => String(Number(commentId) * 100 + a),
  articleAttachment: (articleIndex: number, a: number) => String(900_000_000_000 + articleIndex * 100 + a),
};

export function contactIndexOf(id: string): number | null {
  const n = Number(id) - 2_000_001;
  return Number.isInteger(n) && n >= 0 && n < 1_000_000 ? n : null;
}
export function agentIndexOf(id: string): number | null {
  const n = Number(id) - 1_000_001;
  return Number.isInteger(n) && n >= 0 && n < 1_000_000 ? n : null;
}

/** Decodes an attachment id into where it lives. */
export function attachmentOwner(
  id: string,
):
  | { kind: 'comment'; ticketIndex: number; k: number; a: number }
  | { kind: 'article'; articleIndex: number; a: number }
  | null {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  if (n >= 900_000_000_000) {
    const rest = n - 900_000_000_000;
    return { kind: 'article', articleIndex: Math.floor(rest / 100), a: rest % 100 };
  }
  const commentId = Math.floor(n / 100);
  const local = commentId - 10_000_000;
  if (local < 1000) return null;
  return { kind: 'comment', ticketIndex: Math.floor(local / 1000) - 1, k: local % 1000, a: n % 100 };
}

// The clock: ticket i is created one hour after ticket i-1, starting 2014-01-01; everything about it
// happens within the next 11 hours, and it was last updated 12 hours (+ i mod 60 s) after creation.
const T0 = Date.UTC(2014, 0, 1);
const HOUR = 3_600_000;
export const clock = {
  accountCreated: new Date(T0 - 400 * 24 * HOUR),
  ticketCreated: (i: number) => new Date(T0 + i * HOUR),
  ticketUpdated: (i: number) => new Date(T0 + i * HOUR + 12 * HOUR + (i % 60) * 1000),
  /** Comment k is written k minutes after the ticket (600 comments fit in 10 hours). */
  comment: (i: number, k: number) => new Date(T0 + i * HOUR + k * 60_000),
  event: (i: number, k: number) => new Date(T0 + i * HOUR + 11 * HOUR + k * 60_000),
  /** People and companies are created before the tickets, spread over the year before. */
  person: (i: number) => new Date(T0 - 300 * 24 * HOUR + i * 60_000),
};

export const iso = (d: Date): string => d.toISOString();
