// Ticket events for "events as private notes". Freshdesk's API v2 has no history per ticket: its one source
// of ticket events is the ticket activities export, GET /api/v2/export/ticket_activities?created_at=YYYY-MM-DD,
// which names the file of one day's activities ({export: [{created_at, url}]}; the file holds
// {activities_data: [{ticket_id, performer_id, performed_at "dd-mm-yyyy HH:MM:SS +0000", activity: {...}}]}).
// A day's file is kept 30 days, and only when an admin turned the export on (not on every plan). Shapes and
// the 30 days as public Freshdesk connectors read them (Airbyte's source-freshdesk, Singer's tap-freshdesk);
// the plan limits are not documented where we could check: a refusal is reported, not guessed at.
// So: the last 30 days' files are read once per connector (one run's stage), indexed by ticket; a ticket older
// than the window, or every ticket when the export is refused, gets a loss line instead of silence.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RetryableError } from '../../errors.js';
import type { Ticket, TicketEvent } from '../../model/canonical.js';
import type { AttachmentFetcher } from '../shared/fetch-guard.js';
import type { FreshdeskClient } from './client.js';
import { rawId } from './raw-schemas.js';

export const ACTIVITY_EXPORT_DAYS = 30;
const DAY = 86_400_000;
/** An export file larger than this is not read (a day's activities of a very busy account). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const exportLinkSchema = z.looseObject({
  export: z.union([
    z.array(z.looseObject({ url: z.string().nullish() })),
    z.looseObject({ url: z.string().nullish() }),
  ]),
});
const activitySchema = z.looseObject({
  ticket_id: rawId,
  performer_id: rawId.nullish(),
  performed_at: z.string(),
  activity: z.record(z.string(), z.unknown()).nullish(),
});
const activityFileSchema = z.looseObject({ activities_data: z.array(z.unknown()) });

/** "09-10-2017 19:34:06 +0000" (or ISO) → ISO-8601 UTC; null when unreadable. */
export function activityTime(text: string): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text.trim());
  const ms = m ? Date.parse(`${m[3]}-${m[2]}-${m[1]}T${m[4]}${m[5]}:${m[6]}`) : Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// A note or a conversation is a comment (migrated as one); the rest are field changes worth a note.
const NOT_A_CHANGE = new Set(['note', 'new_ticket']);

/** One export row → a canonical event (new values only: Freshdesk does not give the old ones). */
export function toTicketEvent(raw: z.infer<typeof activitySchema>, ordinal: number): TicketEvent | null {
  const createdAt = activityTime(raw.performed_at);
  if (!createdAt) return null;
  const changes = Object.entries(raw.activity ?? {})
    .filter(([field]) => !NOT_A_CHANGE.has(field))
    .map(([field, to]) => ({ field, from: null, to: to ?? null }));
  // Rows have no id: a stable one from the row's content (and its place among equal rows).
  const digest = createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 16);
  return {
    id: `activity-${raw.ticket_id}-${digest}-${ordinal}`,
    ticketId: raw.ticket_id,
    authorId: raw.performer_id ?? null,
    createdAt,
    changes,
  };
}

interface ActivityIndex {
  events: Map<string, TicketEvent[]>;
  /** The first day the export covers (ISO date). */
  since: string;
  /** Why no event can be read at all, or null. */
  unavailable: string | null;
  /** Days whose export file could not be read. */
  unreadable: string[];
}

export interface ActivityReader {
  eventsOf(ticketId: string, signal?: AbortSignal): Promise<TicketEvent[]>;
  /** What of the ticket's events cannot be read (a sentence for its report line), or null. */
  gapOf(ticket: Pick<Ticket, 'createdAt'>, signal?: AbortSignal): Promise<string | null>;
}

export function createActivityReader(
  client: FreshdeskClient,
  files: AttachmentFetcher,
  now: () => Date = () => new Date(),
): ActivityReader {
  let index: Promise<ActivityIndex> | null = null;
  const load = (signal?: AbortSignal): Promise<ActivityIndex> => {
    if (!index) {
      index = readIndex(client, files, now(), signal);
      index.catch(() => (index = null));
    }
    return index;
  };
  return {
    async eventsOf(ticketId, signal) {
      return (await load(signal)).events.get(ticketId) ?? [];
    },
    async gapOf(ticket, signal) {
      const ix = await load(signal);
      if (ix.unavailable) return `ticket events not carried: ${ix.unavailable}`;
      const lines: string[] = [];
      if (Date.parse(ticket.createdAt) < Date.parse(`${ix.since}T00:00:00Z`))
        lines.push(
          `ticket events before ${ix.since} not carried: Freshdesk's ticket activity export keeps only the last ${ACTIVITY_EXPORT_DAYS} days`,
        );
      const unread = ix.unreadable.filter(
        (d) => Date.parse(`${d}T23:59:59Z`) >= Date.parse(ticket.createdAt),
      );
      if (unread.length > 0)
        lines.push(
          `ticket events of ${unread.join(', ')} not carried: Freshdesk's export file could not be read`,
        );
      return lines.join('; ') || null;
    },
  };
}

async function readIndex(
  client: FreshdeskClient,
  files: AttachmentFetcher,
  now: Date,
  signal?: AbortSignal,
): Promise<ActivityIndex> {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const days = Array.from({ length: ACTIVITY_EXPORT_DAYS }, (_, k) =>
    new Date(today - (ACTIVITY_EXPORT_DAYS - 1 - k) * DAY).toISOString().slice(0, 10),
  );
  const events = new Map<string, TicketEvent[]>();
  const unreadable: string[] = [];
  let found = 0;
  for (const day of days) {
    const res = await client.get('/api/v2/export/ticket_activities', {
      params: { created_at: day },
      signal,
      allow: [400, 403, 404],
    });
    if (res.status === 403)
      return {
        events,
        since: days[0]!,
        unreadable,
        unavailable:
          "Freshdesk refused its ticket activity export (403): it needs an administrator's key and the export turned on in Admin (not on every plan)",
      };
    const link = exportLinkSchema.safeParse(res.data);
    if (res.status !== 200 || !link.success) continue;
    const urls = (Array.isArray(link.data.export) ? link.data.export : [link.data.export]).flatMap((e) =>
      e.url ? [e.url] : [],
    );
    for (const url of urls) {
      const rows = await readFile(files, url, signal);
      found += 1;
      if (rows === null) {
        unreadable.push(day);
        continue;
      }
      const seen = new Map<string, number>();
      for (const raw of rows) {
        const row = activitySchema.safeParse(raw);
        if (!row.success) continue;
        const key = JSON.stringify(row.data);
        const ordinal = (seen.get(key) ?? 0) + 1;
        seen.set(key, ordinal);
        const event = toTicketEvent(row.data, ordinal);
        if (!event) continue;
        const list = events.get(event.ticketId) ?? [];
        list.push(event);
        events.set(event.ticketId, list);
      }
    }
  }
  return {
    events,
    since: days[0]!,
    unreadable,
    unavailable:
      found === 0
        ? `Freshdesk has no ticket activity export file for the last ${ACTIVITY_EXPORT_DAYS} days: turn the export on in Admin to carry ticket events`
        : null,
  };
}

/**
 * The file's rows, or null when it cannot be read (refused host, too big, not JSON). The file host gets no
 * API key unless it is the account's own (the fetch guard decides). Transient failures throw (retried).
 */
async function readFile(
  files: AttachmentFetcher,
  url: string,
  signal?: AbortSignal,
): Promise<unknown[] | null> {
  try {
    const download = await files.open(url, { maxBytes: MAX_FILE_BYTES, ...(signal ? { signal } : {}) });
    const chunks: Buffer[] = [];
    for await (const chunk of download.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const file = activityFileSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    return file.success ? file.data.activities_data : null;
  } catch (error) {
    if (error instanceof RetryableError || signal?.aborted) throw error;
    return null;
  }
}
