// The one interface every source connector implements (one folder per platform under sources/).
// Connectors read: they touch neither the database nor Intercom. Streams are small declarations with a
// primary key, an optional cursor for incremental reads, and a page iterator (STYLE.md §1).
import type { Readable } from 'node:stream';
import type { Logger } from '../logger.js';
import type {
  Attachment,
  Comment,
  Company,
  Contact,
  EntityName,
  EntityRecordMap,
  Platform,
  Ticket,
  TicketEvent,
} from '../model/canonical.js';

/** A raw record that did not parse: it becomes a failed ledger row with this reason, never a crash. */
/** The source id of a read failure that stands for an unreadable event of a stream, not for one record. */
export const UNREAD_EVENT_PREFIX = 'ticket-event:';

export interface RecordReadError {
  entity: EntityName;
  sourceId: string;
  reason: string;
  /** The record it belongs to (a comment's ticket), where the source says. */
  parentSourceId?: string;
}

export interface Page<T> {
  records: T[];
  /** Records the vendor returned that did not parse. */
  errors: RecordReadError[];
  /** Ids the source reports as deleted in this window (Zendesk's incremental export, for instance). */
  deletedIds: string[];
  /**
   * Where to resume after this page (opaque to the engine; store it with the page's checkpoint).
   * null when the stream has nothing after this page.
   */
  cursor: string | null;
  /**
   * Time-ordered streams only (Zendesk's ticket-events export): every record timed before this instant
   * (ISO) has been read once this page is. Lets the engine load a ticket while the stream is still read.
   */
  completeBefore?: string;
  /**
   * Comments the stream read with this page's tickets (Freshdesk's archived tickets come with theirs): the
   * plan stages them, so they are not read from the source again. Only for tickets among `records`.
   */
  comments?: CommentsOfTicket[];
}

export interface ReadOptions {
  /** Resume from a cursor saved from an earlier page. */
  cursor?: string | null;
  /** Incremental read: only records created or updated at or after this instant (a delta's watermark). */
  since?: Date;
  signal?: AbortSignal;
}

export interface Stream<E extends EntityName> {
  name: E;
  /** The record's primary key within the source. */
  primaryKey(record: EntityRecordMap[E]): string;
  /** Whether `since` is honoured by the source itself (otherwise the engine filters by updatedAt). */
  incremental: boolean;
  read(options?: ReadOptions): AsyncIterable<Page<EntityRecordMap[E]>>;
}

export type Streams = { [E in EntityName]?: Stream<E> };

/** Per-entity counts for the "available" column; null where the source cannot count cheaply. */
export type AvailableCounts = Partial<Record<EntityName, number | null>>;

export interface CredentialCheck {
  /** The account's display name or subdomain. */
  account: string;
  /** Who the credentials belong to. */
  user: { id: string; name: string; email: string | null; role: string };
}

export interface AttachmentDownload {
  stream: Readable;
  contentType: string;
  /** Known size in bytes, if the server said so. */
  size: number | null;
}

export interface CommentsOfTicket {
  ticketId: string;
  comments: Comment[];
  errors: RecordReadError[];
}

/** The source's calls a minute when not the vendor's documented ones (account-wide, and bulk export). */
export interface SourceRateLimits {
  accountPerMinute?: number;
  exportPerMinute?: number;
}

export interface CommentReadInput {
  ticketsInRun: number;
  /** The account's tickets; null when the source could not count them. */
  ticketsInAccount: number | null;
  limits?: SourceRateLimits;
}

/** 'bulk': stage the commentEvents stream; 'per-ticket': readComments for each ticket. */
export type CommentReadPlan = 'bulk' | 'per-ticket';

export interface SourceConnector {
  platform: Platform;
  /**
   * Checks the credentials and the role they carry. Throws ConfigurationError with a message an admin can
   * act on ("Zendesk rejected the email or API token", "this token belongs to an agent, not an admin").
   */
  checkCredentials(signal?: AbortSignal): Promise<CredentialCheck>;
  /** Cheap counts per entity, answered within a few seconds. */
  countAvailable(signal?: AbortSignal): Promise<AvailableCounts>;
  /** The entities whose countAvailable number is an estimate, not a count (shown as "about N"). */
  estimatedCounts?: readonly EntityName[];
  streams: Streams;
  /** N tickets chosen at random (deterministic for a given seed), for a demo run. */
  sampleTickets(n: number, seed: string, signal?: AbortSignal): Promise<Ticket[]>;
  /** One ticket by id (archived ones included), or null when it does not exist. */
  getTicket(id: string, signal?: AbortSignal): Promise<Ticket | null>;
  /** The comments of the given tickets, in source order, one result per ticket. */
  readComments(ticketIds: string[], signal?: AbortSignal): AsyncIterable<CommentsOfTicket>;
  /**
   * Bulk comment stream (Zendesk's incremental ticket-events export): comment events in time order across
   * all tickets. The engine stages them and rebuilds each ticket's comments. Absent where the source has none.
   */
  commentEvents?: Stream<'comments'>;
  /**
   * Whether the run's comments are read sooner through commentEvents (which reads the WHOLE account) than
   * one ticket at a time, at the source's rate limits. Absent (as where commentEvents is) → per-ticket.
   */
  commentReadPlan?(input: CommentReadInput): CommentReadPlan;
  /** Field-change events of a ticket, for "events as private notes". */
  readTicketEvents?(ticketId: string, signal?: AbortSignal): Promise<TicketEvent[]>;
  /**
   * What of a ticket's events the source cannot give (Freshdesk keeps 30 days of them), as a sentence for
   * the ticket's report line; null when all of them were read. Absent where readTicketEvents gives them all.
   */
  ticketEventsGap?(ticket: Ticket, signal?: AbortSignal): Promise<string | null>;
  /**
   * Streams an attachment's bytes, never the whole file in memory. Fetches only from the account's own hosts
   * and the vendor's attachment hosts, refuses private and loopback addresses (unless allowed for emulators),
   * sends the source credentials only to the account's own host, and stops at `maxBytes` (SkipError).
   */
  openAttachment(
    attachment: Attachment,
    options: { maxBytes: number; signal?: AbortSignal },
  ): Promise<AttachmentDownload>;
  /** Live catch-up through the source's webhooks; absent where Ferry cannot subscribe itself. */
  live?: LiveSubscriber;
  /** Contacts and companies by source id, for a targeted delta (ids the source no longer has are left out). */
  readContacts?(ids: string[], signal?: AbortSignal): Promise<RecordsByIds<Contact>>;
  readCompanies?(ids: string[], signal?: AbortSignal): Promise<RecordsByIds<Company>>;
}

/** What a live subscription created in the source (webhooks with their signing secrets, triggers). */
export interface SourceSubscription {
  webhooks: { id: string; secret: string | null }[];
  triggers: string[];
}

/** Live catch-up (issue 16): the source sends a delivery to `endpoint` whenever a record changes. */
export interface LiveSubscriber {
  subscribe(endpoint: string, signal?: AbortSignal): Promise<SourceSubscription>;
  /** Removes what subscribe created; what is already gone counts as removed. */
  unsubscribe(
    subscription: { webhooks: { id: string }[]; triggers: string[] },
    signal?: AbortSignal,
  ): Promise<void>;
}

export interface RecordsByIds<T> {
  records: T[];
  errors: RecordReadError[];
}

export interface ConnectorContext {
  logger: Logger;
  /**
   * Lets the caller point the connector at an arbitrary base URL (CLI and tests only: an admin's input must
   * never make Ferry call an address of its choosing) and lets it fetch attachments from loopback addresses
   * (the emulators).
   */
  allowCustomBaseUrl?: boolean;
  allowPrivateAddresses?: boolean;
}
