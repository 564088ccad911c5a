// Raw Freshdesk ticket → canonical Ticket (pure).
import type { Ticket } from '../../model/canonical.js';
import type { RawTicket } from './raw-schemas.js';
import { PRIORITIES, SOURCES, STATUS_NAMES, toCanonicalStatus } from './vocabulary.js';
import { toUtc } from './utc.js';

export function toTicket(raw: RawTicket, archived: boolean): Ticket {
  const deleted = raw.deleted === true;
  return {
    id: raw.id,
    // API v2 has one id, the number agents see (display_id was v1's).
    number: raw.id,
    subject: raw.subject ?? '',
    description: raw.description_text ?? '',
    status: toCanonicalStatus(raw.status, deleted),
    rawStatus: STATUS_NAMES[raw.status] ?? `Custom status ${raw.status}`,
    priority: raw.priority == null ? null : (PRIORITIES[raw.priority] ?? null),
    type: raw.type ?? null,
    requesterId: raw.requester_id ?? null,
    // Freshdesk records no submitter separately from the requester.
    submitterId: raw.requester_id ?? null,
    assigneeId: raw.responder_id ?? null,
    groupId: raw.group_id ?? null,
    companyId: raw.company_id ?? null,
    tags: raw.tags ?? [],
    customFields: raw.custom_fields ?? {},
    ccEmails: raw.cc_emails ?? [],
    ccIds: [],
    followerIds: [],
    channel: raw.source == null ? null : (SOURCES[raw.source] ?? `source_${raw.source}`),
    archived,
    createdAt: toUtc(raw.created_at),
    updatedAt: toUtc(raw.updated_at),
  };
}
