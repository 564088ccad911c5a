// The sample help desk both emulators serve: deterministic from (seed, ticket count), and lazy — ticket i,
// its comments and events are computed on demand from a seeded PRNG, so a 100k-ticket account never sits
// in memory. Records are CANONICAL (src/model/canonical.ts); each emulator renders them in its vendor's shape.
//
// Attachment URLs: Attachment.url and inlineRef are PATHS ("/attachments/<id>/<url-encoded file name>"),
// and comment/article HTML embeds inline images with those same paths; article.url is a path too
// ("/hc/en-us/articles/<id>"). An emulator prefixes them with its own origin: `withOrigin()` does it for a
// comment or article (url, inlineRef and the HTML). Attachment bytes come from attachmentBytes(id).
//
// Beyond the agreed interface (additive): `seed`, `commentCount(i)` (without building the comments), and
// attachmentBytes() also gives the file name and returns null for an unknown id.
//
// Ticket-level CCs: ccIds are contact ids, ccEmails their e-mails (Zendesk renders the ids, Freshdesk the
// e-mails). Hard cases and where they sit: tickets.ts HARD_CASES, people.ts header.
import type {
  Agent,
  Article,
  Attachment,
  Category,
  Comment,
  Company,
  Contact,
  FieldDefinition,
  Group,
  Section,
  Ticket,
  TicketEvent,
} from '../../model/canonical.js';
import { articleAttachments, articles, categories, sections } from './help-center.js';
import { fieldDefinitions } from './fields.js';
import { attachmentOwner, contactIndexOf, MAX_TICKETS, MIN_TICKETS, sizesFor, type Sizes } from './layout.js';
import { agents, company, contact, groups, isDeletedContactIndex } from './people.js';
import { deterministicBytes } from './prng.js';
import {
  commentAttachments,
  comments,
  commentCount,
  isArchivedTicket,
  isDeletedTicket,
  ticket,
  ticketEvents,
} from './tickets.js';

export { HARD_CASES, HUGE_ATTACHMENT_BYTES, LONG_TICKET_COMMENTS } from './tickets.js';
export { CUSTOM_STATUSES, customStatusOf, isAiAgentTicket } from './zendesk-cases.js';
export { agentTimes } from './people.js';
export { ids } from './layout.js';
export { freshdeskKbLinks } from './help-center.js';

export interface SampleAccountOptions {
  seed?: string;
  tickets: number;
}

export interface SampleAccount {
  readonly seed: string;
  readonly size: Sizes;
  agents(): Agent[];
  groups(): Group[];
  fields(scope: 'ticket' | 'contact' | 'company'): FieldDefinition[];
  contact(index: number): Contact;
  company(index: number): Company;
  /** index 0..tickets-1; ticket ids are String(index + 1). */
  ticket(index: number): Ticket;
  /** In order. Attachment urls are paths (see the file header). */
  comments(ticketIndex: number): Comment[];
  /** How many comments ticket i has, without building them. */
  commentCount(ticketIndex: number): number;
  ticketEvents(ticketIndex: number): TicketEvent[];
  categories(): Category[];
  sections(): Section[];
  articles(): Article[];
  /** Deterministic content; a number is the size of a huge file to generate lazily (deterministicChunk). */
  attachmentBytes(
    attachmentId: string,
  ): { bytes: Buffer | number; contentType: string; fileName: string } | null;
  /** Zendesk: deleted tickets (the export reports them with status "deleted"). */
  deletedTicketIndexes(): number[];
  /** Freshdesk: archived tickets (left out of GET /tickets). */
  archivedTicketIndexes(): number[];
  isDeletedUser(contactId: string): boolean;
}

/** Files above this size are generated lazily (attachmentBytes returns their size). */
export const LAZY_FILE_BYTES = 1024 * 1024;
/** The block huge files repeat; stream it until the size is reached. */
export const deterministicChunk = (attachmentId: string): Buffer =>
  deterministicBytes(attachmentId, 64 * 1024);

export function createSampleAccount(o: SampleAccountOptions): SampleAccount {
  if (!Number.isInteger(o.tickets) || o.tickets < MIN_TICKETS || o.tickets > MAX_TICKETS) {
    throw new RangeError(`tickets must be a whole number from ${MIN_TICKETS} to ${MAX_TICKETS}`);
  }
  const seed = o.seed ?? 'ferry';
  const size = sizesFor(o.tickets);
  const inRange = (what: string, i: number, n: number): number => {
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw new RangeError(`${what} index ${i} is outside 0..${n - 1}`);
    return i;
  };
  const everyIndex = (test: (i: number) => boolean): number[] => {
    const out: number[] = [];
    for (let i = 0; i < size.tickets; i++) if (test(i)) out.push(i);
    return out;
  };

  function findAttachment(id: string): Attachment | undefined {
    const owner = attachmentOwner(id);
    if (!owner) return undefined;
    if (owner.kind === 'article') {
      return owner.articleIndex < size.articles ? articleAttachments(owner.articleIndex)[owner.a] : undefined;
    }
    if (owner.ticketIndex < 0 || owner.ticketIndex >= size.tickets) return undefined;
    if (owner.k >= commentCount(seed, owner.ticketIndex)) return undefined;
    return commentAttachments(seed, owner.ticketIndex, owner.k)[owner.a];
  }

  const agentList = agents(seed, size);
  return {
    seed,
    size,
    // A fresh copy each time: callers may sort or change what they are given.
    agents: () => agentList.map((a) => ({ ...a, groupIds: [...a.groupIds] })),
    groups: () => groups(size),
    fields: (scope) => fieldDefinitions(scope),
    contact: (i) => contact(seed, size, inRange('contact', i, size.contacts)),
    company: (i) => company(seed, size, inRange('company', i, size.companies)),
    ticket: (i) => ticket(seed, size, inRange('ticket', i, size.tickets)),
    comments: (i) => comments(seed, size, inRange('ticket', i, size.tickets)),
    commentCount: (i) => commentCount(seed, inRange('ticket', i, size.tickets)),
    ticketEvents: (i) => ticketEvents(seed, size, inRange('ticket', i, size.tickets)),
    categories: () => categories(size),
    sections: () => sections(size),
    articles: () => articles(size),
    attachmentBytes(id) {
      const a = findAttachment(id);
      if (!a) return null;
      const bytes =
        a.size !== null && a.size > LAZY_FILE_BYTES ? a.size : deterministicBytes(id, a.size ?? 0);
      return { bytes, contentType: a.contentType, fileName: a.fileName };
    },
    deletedTicketIndexes: () => everyIndex(isDeletedTicket),
    archivedTicketIndexes: () => everyIndex((i) => isArchivedTicket(i, size)),
    isDeletedUser(contactId) {
      const i = contactIndexOf(contactId);
      return i !== null && i < size.contacts && isDeletedContactIndex(i);
    },
  };
}

/**
 * A comment or article with its attachment paths made absolute on `origin` (an emulator's base URL):
 * url, inlineRef, and the inline-image srcs in the HTML.
 */
export function withOrigin<T extends { html: string; attachments: Attachment[] }>(
  record: T,
  origin: string,
): T {
  const base = origin.replace(/\/+$/, '');
  return {
    ...record,
    html: record.html
      .replaceAll('src="/attachments/', `src="${base}/attachments/`)
      .replaceAll('href="/hc/', `href="${base}/hc/`),
    attachments: record.attachments.map((a) => ({
      ...a,
      url: `${base}${a.url}`,
      inlineRef: a.inlineRef === null ? null : `${base}${a.inlineRef}`,
    })),
  };
}
