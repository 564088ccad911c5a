// Private notes Ferry adds to a migrated ticket: who was CC'd and following (a ticket has one contact), ticket
// events (setting eventsAsNotes) and the requester's user fields (setting requesterFieldsAsNote). Written by
// the fallback teammate, silenced.
import type { Contact, Ticket, TicketEvent } from '../model/canonical.js';
import type { AdminReplyBody } from './intercom-bodies.js';
import type { IdLookups, ReferenceData } from './reference.js';
import type { PartPlan } from './to-reply.js';
import { stringValue } from './field-value.js';
import { fieldValue, findField } from './custom-attributes.js';
import { escapeHtml, toUnixSeconds } from './source-ref.js';

type NoteRef = Pick<ReferenceData, 'agents' | 'fallbackAdminId' | 'fields'>;

function note(key: string, adminId: string, html: string, createdAtIso: string): PartPlan {
  const body: AdminReplyBody = {
    message_type: 'note',
    type: 'admin',
    admin_id: adminId,
    body: html,
    created_at: toUnixSeconds(createdAtIso),
    skip_notifications: true,
  };
  return { key, sourceCommentId: null, body, transport: 'files', attachments: [] };
}

function personLabel(id: string, ref: NoteRef, lookups: IdLookups): string {
  const agent = ref.agents.get(id);
  if (agent) return agent.email ? `${agent.name} <${agent.email}>` : agent.name;
  const p = lookups.person(id);
  if (!p) return `user ${id}`;
  return p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? `user ${id}`);
}

function list(title: string, items: string[]): string {
  return `<p><b>${escapeHtml(title)}</b></p><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

/** People in CC and following the ticket, by name and e-mail (deduplicated); excludes ids in `exclude`. */
export function ccAndFollowers(
  ticket: Ticket,
  ref: NoteRef,
  lookups: IdLookups,
  exclude: ReadonlySet<string> = new Set(),
): { cc: string[]; followers: string[] } {
  const cc = [...ticket.ccIds.filter((id) => !exclude.has(id)).map((id) => personLabel(id, ref, lookups))];
  const known = cc.join(' ').toLowerCase();
  for (const email of ticket.ccEmails) if (!known.includes(email.toLowerCase())) cc.push(email);
  const followers = ticket.followerIds.map((id) => personLabel(id, ref, lookups));
  return { cc: [...new Set(cc)], followers: [...new Set(followers)] };
}

/** The note naming CCs and followers, or null when there are none. */
export function toCcNote(
  ticket: Ticket,
  ref: NoteRef,
  lookups: IdLookups,
  exclude: ReadonlySet<string> = new Set(),
): PartPlan | null {
  const { cc, followers } = ccAndFollowers(ticket, ref, lookups, exclude);
  if (cc.length === 0 && followers.length === 0) return null;
  const html = (cc.length ? list('CC', cc) : '') + (followers.length ? list('Followers', followers) : '');
  return note(`note:cc:${ticket.id}`, ref.fallbackAdminId, html, ticket.createdAt);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(show).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A ticket event as a readable note: "Changed by NAME" and one line per field "status: open → solved". */
export function toEventNote(event: TicketEvent, ref: NoteRef, lookups: IdLookups): PartPlan | null {
  if (event.changes.length === 0) return null;
  const who = event.authorId === null ? 'the old help desk' : personLabel(event.authorId, ref, lookups);
  const lines = event.changes.map((c) => `${c.field}: ${show(c.from)} → ${show(c.to)}`);
  return note(`event:${event.id}`, ref.fallbackAdminId, list(`Changed by ${who}`, lines), event.createdAt);
}

/** The requester's user fields (titles and readable values) as a note, or null when none has a value. */
export function toRequesterFieldsNote(requester: Contact, ticket: Ticket, ref: NoteRef): PartPlan | null {
  const lines: string[] = [];
  for (const key of Object.keys(requester.customFields)) {
    const def = findField(ref.fields, 'contact', key);
    const raw = def ? fieldValue(def, requester.customFields) : undefined;
    if (!def || def.type === 'partialcreditcard' || raw === null || raw === undefined || raw === '') continue;
    lines.push(`${def.title}: ${stringValue(def, raw)}`);
  }
  if (lines.length === 0) return null;
  const name = requester.name ?? requester.email ?? `user ${requester.id}`;
  return note(
    `note:requester-fields:${ticket.id}`,
    ref.fallbackAdminId,
    list(`About ${name}`, lines),
    ticket.createdAt,
  );
}
