// Canonical sample records → Freshdesk API v2 shapes (the fields python-freshdesk's fixtures and the API
// reference show). The emulator serves only what these functions produce.
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
  Translation,
} from '../../model/canonical.js';
import {
  ARTICLE_DRAFT,
  ARTICLE_PUBLISHED,
  CUSTOM_STATUS_WAITING,
  FIELD_TYPES,
  PRIORITIES,
  SOURCES,
  STATUS_NAMES,
} from '../../sources/freshdesk/vocabulary.js';
import {
  companyDefaults,
  contactMobile,
  nestedChoices,
  nestedLevelKeys,
  splitNestedValue,
} from '../sample-account/freshdesk-extras.js';

const num = (id: string | null): number | null => (id === null ? null : Number(id));
const reverse = <V extends string>(table: Record<number, V>): Map<V, number> =>
  new Map(Object.entries(table).map(([k, v]) => [v, Number(k)]));
const PRIORITY_CODES = reverse(PRIORITIES);
const SOURCE_CODES = reverse(SOURCES);
// First Freshdesk type for each canonical one (custom_text, not custom_url, for text).
const FIELD_TYPE_NAMES = new Map<string, string>();
for (const [k, v] of Object.entries(FIELD_TYPES)) if (!FIELD_TYPE_NAMES.has(v)) FIELD_TYPE_NAMES.set(v, k);

const STATUS_CODES: Record<Ticket['status'], number> = {
  new: 2,
  open: 2,
  pending: 3,
  hold: CUSTOM_STATUS_WAITING,
  solved: 4,
  closed: 5,
  deleted: 5,
};

export function renderAttachment(a: Attachment, createdAt: string): Record<string, unknown> {
  return {
    id: Number(a.id),
    name: a.fileName,
    content_type: a.contentType,
    size: a.size,
    attachment_url: a.url,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/** Custom field values as Freshdesk stores them: a nested field's levels each under their own name. */
function renderCustomFields(
  values: Record<string, unknown>,
  fields: readonly FieldDefinition[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields)
    if (f.type === 'nested' && f.key in values) Object.assign(out, splitNestedValue(f, values[f.key]));
  return out;
}

/** A ticket; `first` is its first comment, which Freshdesk keeps as the ticket's description. */
export function renderTicket(
  t: Ticket,
  first: Comment | undefined,
  o: { description: boolean; attachments: boolean },
  fields: readonly FieldDefinition[] = [],
): Record<string, unknown> {
  return {
    id: Number(t.id),
    subject: t.subject,
    ...(o.description
      ? { description: first?.html ?? '', description_text: first?.plain ?? t.description }
      : {}),
    status: STATUS_CODES[t.status],
    priority: t.priority === null ? 1 : (PRIORITY_CODES.get(t.priority) ?? 1),
    source: (t.channel && SOURCE_CODES.get(t.channel)) ?? 2,
    type: t.type,
    requester_id: num(t.requesterId),
    responder_id: num(t.assigneeId),
    group_id: num(t.groupId),
    company_id: num(t.companyId),
    tags: t.tags,
    cc_emails: t.ccEmails,
    fwd_emails: [],
    reply_cc_emails: t.ccEmails,
    custom_fields: renderCustomFields(t.customFields, fields),
    spam: false,
    ...(t.status === 'deleted' ? { deleted: true } : {}),
    fr_escalated: false,
    is_escalated: false,
    due_by: t.updatedAt,
    fr_due_by: t.updatedAt,
    ...(o.attachments
      ? { attachments: (first?.attachments ?? []).map((a) => renderAttachment(a, t.createdAt)) }
      : {}),
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function renderConversation(c: Comment): Record<string, unknown> {
  return {
    id: Number(c.id),
    body: c.html,
    body_text: c.plain,
    incoming: c.authorRole === 'end-user',
    private: !c.public,
    user_id: num(c.authorId),
    // 0 reply, 2 note.
    source: c.public ? 0 : 2,
    ticket_id: Number(c.ticketId),
    to_emails: [],
    from_email: null,
    cc_emails: c.ccEmails,
    bcc_emails: [],
    support_email: null,
    attachments: c.attachments.map((a) => renderAttachment(a, c.createdAt)),
    created_at: c.createdAt,
    updated_at: c.createdAt,
  };
}

export function renderContact(c: Contact): Record<string, unknown> {
  return {
    id: Number(c.id),
    name: c.name,
    email: c.email,
    phone: c.phone,
    mobile: contactMobile(c),
    company_id: num(c.companyIds[0] ?? null),
    other_companies: c.companyIds.slice(1).map((id) => ({ company_id: Number(id), view_all_tickets: false })),
    active: c.active,
    deleted: c.deleted,
    tags: c.tags,
    custom_fields: c.customFields,
    language: 'en',
    time_zone: 'UTC',
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function renderCompany(c: Company): Record<string, unknown> {
  return {
    id: Number(c.id),
    name: c.name,
    domains: c.domains,
    ...companyDefaults(c),
    custom_fields: c.customFields,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** "dd-mm-yyyy HH:MM:SS +0000", the activities export's time format. */
function activityTime(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}-${m}-${y} ${iso.slice(11, 19)} +0000`;
}

/** A field-change event as a row of the ticket activities export (new values only, as Freshdesk gives). */
export function renderActivity(e: TicketEvent): Record<string, unknown> {
  const activity: Record<string, unknown> = {};
  for (const c of e.changes) {
    const key = c.field === 'assignee_id' ? 'agent_id' : c.field;
    activity[key] =
      c.field === 'status' && typeof c.to === 'string'
        ? (STATUS_NAMES[STATUS_CODES[c.to as Ticket['status']] ?? 2] ?? 'Open')
        : c.field === 'priority' && typeof c.to === 'string'
          ? (PRIORITY_CODES.get(c.to as NonNullable<Ticket['priority']>) ?? 1)
          : typeof c.to === 'string' && /^\d+$/.test(c.to)
            ? Number(c.to)
            : c.to;
  }
  return {
    ticket_id: Number(e.ticketId),
    performer_type: e.authorId === null ? 'system' : 'agent',
    performer_id: e.authorId === null ? null : Number(e.authorId),
    performed_at: activityTime(e.createdAt),
    activity,
  };
}

/** Role ids the emulator serves (GET /api/v2/roles). */
export const ROLES = [
  { id: 1, name: 'Account Administrator', default: true },
  { id: 2, name: 'Administrator', default: true },
  { id: 3, name: 'Supervisor', default: true },
  { id: 4, name: 'Agent', default: true },
];

export function renderAgent(a: Agent, index: number, created: string): Record<string, unknown> {
  const roleId = index === 0 ? 1 : a.role === 'admin' ? 2 : 4;
  return {
    id: Number(a.id),
    available: true,
    occasional: false,
    ticket_scope: 1,
    role_ids: [roleId],
    group_ids: a.groupIds.map(Number),
    type: 'support_agent',
    contact: { name: a.name, email: a.email, active: a.active, language: 'en', time_zone: 'UTC' },
    created_at: created,
    updated_at: created,
  };
}

export function renderGroup(g: Group, agentIds: number[], created: string): Record<string, unknown> {
  return {
    id: Number(g.id),
    name: g.name,
    description: g.description,
    agent_ids: agentIds,
    business_hour_id: null,
    escalate_to: null,
    unassigned_for: null,
    auto_ticket_assign: false,
    created_at: created,
    updated_at: created,
  };
}

export function renderField(f: FieldDefinition, position: number): Record<string, unknown> {
  const type = f.system ? `default_${f.key}` : (FIELD_TYPE_NAMES.get(f.type) ?? 'custom_text');
  if (f.type === 'nested') {
    // Choices {A: {B: [C]}}; levels 2 and 3 are fields of their own (nested_ticket_fields).
    const [k2, k3] = nestedLevelKeys(f.key);
    return {
      id: Number(f.id),
      name: f.key,
      label: f.title,
      type,
      default: false,
      position,
      choices: nestedChoices(f),
      nested_ticket_fields: [
        {
          id: Number(f.id) * 10 + 2,
          name: k2,
          label: `${f.title} (2)`,
          level: 2,
          ticket_field_id: Number(f.id),
        },
        {
          id: Number(f.id) * 10 + 3,
          name: k3,
          label: `${f.title} (3)`,
          level: 3,
          ticket_field_id: Number(f.id),
        },
      ],
    };
  }
  // Ticket dropdowns list labels; contact and company dropdowns list {id, value, position}.
  const choices =
    f.scope === 'ticket'
      ? f.options.map((o) => o.label)
      : f.options.map((o, i) => ({ id: i + 1, value: o.label, position: i + 1 }));
  return {
    id: Number(f.id),
    name: f.key,
    label: f.title,
    type,
    default: f.system,
    position,
    ...(f.options.length > 0 ? { choices } : {}),
  };
}

export function renderCategory(c: Category): Record<string, unknown> {
  return { id: Number(c.id), name: c.name, description: c.description, position: c.position };
}

export function renderFolder(s: Section): Record<string, unknown> {
  return {
    id: Number(s.id),
    name: s.name,
    description: s.description,
    position: s.position,
    category_id: Number(s.categoryId),
    parent_folder_id: num(s.parentSectionId),
    visibility: 1,
  };
}

/** An article in one language (the primary one, or a translation). */
export function renderArticle(
  a: Article,
  version: Translation,
  categoryId: string | null,
): Record<string, unknown> {
  return {
    id: Number(a.id),
    type: 1,
    status: version.state === 'published' ? ARTICLE_PUBLISHED : ARTICLE_DRAFT,
    agent_id: num(version.authorId),
    category_id: num(categoryId),
    folder_id: num(a.sectionId),
    title: version.title,
    description: version.html,
    description_text: version.html.replace(/<[^>]*>/g, ''),
    tags: [],
    attachments:
      version.locale === a.locale ? a.attachments.map((x) => renderAttachment(x, a.createdAt)) : [],
    created_at: a.createdAt,
    updated_at: version.updatedAt,
  };
}
