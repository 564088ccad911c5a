// Raw Zendesk objects → Ferry's canonical model. Pure functions, named for what they make.
import type { z } from 'zod';
import type {
  Agent,
  Article,
  Attachment,
  Category,
  Comment,
  Company,
  Contact,
  FieldDefinition,
  FieldType,
  Group,
  Section,
  Ticket,
  TicketEvent,
  Translation,
} from '../../model/canonical.js';
import { ticketStatusSchema } from '../../model/canonical.js';
import type {
  RawArticle,
  RawCustomStatus,
  RawAudit,
  RawComment,
  RawField,
  RawTicket,
  RawTicketEvent,
  RawUser,
  rawArticleAttachment,
  rawAttachment,
  rawCategory,
  rawGroup,
  rawOrganization,
  rawSection,
  rawTranslation,
} from './raw.js';
import { rawChange } from './raw.js';

/** Zendesk timestamps are ISO-8601 already; normalised so the canonical schema's check always holds. */
const iso = (s: string): string => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`not a timestamp: ${s}`);
  return new Date(t).toISOString();
};

export function toContact(u: RawUser): Contact {
  const active = u.active ?? true;
  return {
    id: u.id,
    name: u.name ?? null,
    email: u.email ?? null,
    phone: u.phone ?? null,
    companyIds: u.organization_id ? [u.organization_id] : [],
    role: u.role === 'admin' ? 'admin' : u.role === 'agent' ? 'agent' : 'end-user',
    active,
    // A deleted Zendesk user stays readable with active: false (Users API, "active" property).
    deleted: !active,
    tags: u.tags,
    customFields: u.user_fields ?? {},
    createdAt: iso(u.created_at),
    updatedAt: iso(u.updated_at),
  };
}

export function toAgent(u: RawUser, groupIds: string[]): Agent {
  return {
    id: u.id,
    name: u.name ?? u.email ?? `Agent ${u.id}`,
    email: u.email ?? null,
    active: u.active ?? true,
    role: u.role,
    groupIds: groupIds.length > 0 ? groupIds : u.default_group_id ? [u.default_group_id] : [],
  };
}

export const isAgentRole = (role: string): boolean => role === 'agent' || role === 'admin';

export function toCompany(o: z.infer<typeof rawOrganization>): Company {
  return {
    id: o.id,
    name: o.name,
    domains: o.domain_names,
    tags: o.tags,
    customFields: o.organization_fields ?? {},
    createdAt: iso(o.created_at),
    updatedAt: iso(o.updated_at),
  };
}

export const toGroup = (g: z.infer<typeof rawGroup>): Group => ({
  id: g.id,
  name: g.name,
  description: g.description || null,
});

const FIELD_TYPES: Record<string, FieldType> = {
  text: 'text',
  textarea: 'textarea',
  checkbox: 'checkbox',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  tagger: 'dropdown',
  dropdown: 'dropdown',
  multiselect: 'multiselect',
  lookup: 'lookup',
  regexp: 'regexp',
  partialcreditcard: 'partialcreditcard',
};
const SYSTEM_TYPES = new Set([
  'subject',
  'description',
  'status',
  'tickettype',
  'priority',
  'group',
  'assignee',
  'custom_status',
]);

/** Ticket fields are keyed by id (their values come as {id, value}); user/org fields by their `key`. */
export function toFieldDefinition(scope: FieldDefinition['scope'], f: RawField): FieldDefinition {
  const options = f.custom_field_options.length > 0 ? f.custom_field_options : f.system_field_options;
  let type: FieldType = FIELD_TYPES[f.type] ?? 'other';
  // Zendesk nests drop-down options by "::" in their names (nested drop-downs are taggers).
  if (type === 'dropdown' && options.some((o) => o.name.includes('::'))) type = 'nested';
  return {
    id: f.id,
    scope,
    key: scope === 'ticket' ? f.id : (f.key ?? f.id),
    title: f.title,
    type,
    rawType: f.type,
    options: options.map((o) => ({ value: o.value, label: o.name })),
    active: f.active ?? true,
    system: SYSTEM_TYPES.has(f.type),
  };
}

const PRIORITIES = new Set(['low', 'normal', 'high', 'urgent']);

/** Custom ticket statuses by id (GET /api/v2/custom_statuses); empty where the account has none. */
export type CustomStatuses = ReadonlyMap<string, RawCustomStatus>;

export function toTicket(t: RawTicket, customStatuses: CustomStatuses = new Map()): Ticket {
  const custom = t.custom_status_id ? customStatuses.get(t.custom_status_id) : undefined;
  const status = ticketStatusSchema.safeParse(t.status);
  const priority = t.priority && PRIORITIES.has(t.priority) ? (t.priority as Ticket['priority']) : null;
  const customFields: Record<string, unknown> = {};
  for (const f of t.custom_fields) customFields[f.id] = f.value ?? null;
  return {
    id: t.id,
    number: t.id,
    subject: t.subject ?? t.raw_subject ?? '',
    description: t.description ?? '',
    status: status.success ? status.data : 'open',
    rawStatus: t.status,
    ...(custom ? { statusLabel: custom.agent_label } : {}),
    priority,
    type: t.type ?? null,
    requesterId: t.requester_id ?? null,
    submitterId: t.submitter_id ?? null,
    assigneeId: t.assignee_id ?? null,
    groupId: t.group_id ?? null,
    companyId: t.organization_id ?? null,
    tags: t.tags,
    customFields,
    ccEmails: [],
    ccIds: t.email_cc_ids,
    followerIds: t.follower_ids,
    channel: t.via?.channel === undefined || t.via.channel === null ? null : String(t.via.channel),
    archived: false,
    createdAt: iso(t.created_at),
    updatedAt: iso(t.updated_at),
  };
}

/** A name for a file Zendesk lists without one: "attachment-<id>" with the extension its type implies. */
export function fallbackFileName(a: Pick<z.infer<typeof rawAttachment>, 'id' | 'content_type'>): string {
  const sub = (a.content_type ?? '').split(';')[0]!.split('/')[1]?.trim().toLowerCase() ?? '';
  const ext = /^[a-z0-9]{1,5}$/.test(sub) ? `.${sub === 'jpeg' ? 'jpg' : sub}` : '';
  return `attachment-${a.id}${ext}`;
}

export function toAttachment(a: z.infer<typeof rawAttachment>, html: string): Attachment {
  const inline = a.inline ?? false;
  return {
    id: a.id,
    fileName: a.file_name?.trim() || fallbackFileName(a),
    contentType: a.content_type ?? 'application/octet-stream',
    size: a.size ?? null,
    url: a.content_url,
    inline,
    inlineRef: inline && html.includes(a.content_url) ? a.content_url : null,
  };
}

/** `agentIds` tells agents from end users (a comment only carries its author's id). */
/** Zendesk sends "" as well as null for a body it does not have: the next one is used then. */
const filled = (...texts: (string | null | undefined)[]): string =>
  texts.find((t) => t !== null && t !== undefined && t.trim() !== '') ?? '';

export function toComment(ticketId: string, c: RawComment, agentIds: ReadonlySet<string>): Comment {
  const html = filled(c.html_body);
  const nameless = c.attachments.filter((a) => !a.file_name?.trim());
  const author = c.author_id === undefined || c.author_id === null ? null : String(c.author_id);
  const system = author === null || author === '-1';
  return {
    id: c.id,
    ticketId,
    authorId: system ? null : author,
    authorRole: system ? 'system' : agentIds.has(author) ? 'agent' : 'end-user',
    public: c.public ?? true,
    html,
    plain: filled(c.plain_body, c.body),
    createdAt: iso(c.created_at),
    attachments: c.attachments.map((a) => toAttachment(a, html)),
    ccEmails: [],
    ...(nameless.length > 0
      ? {
          notes: nameless.map(
            (a) =>
              `Zendesk listed attachment ${a.id} without a file name: it is named ${fallbackFileName(a)}`,
          ),
        }
      : {}),
  };
}

/** Field changes of an audit (or an exported ticket event) as one TicketEvent; null when it changed nothing. */
export function toTicketEvent(a: RawAudit | RawTicketEvent): TicketEvent | null {
  const children = 'events' in a ? a.events : a.child_events;
  const changes = children
    .filter((e) => (e.type ?? e.event_type) === 'Change')
    .map((e) => rawChange.safeParse(e))
    .filter((p) => p.success)
    .map((p) => ({
      field: p.data!.field_name,
      from: p.data!.previous_value ?? null,
      to: p.data!.value ?? null,
    }));
  if (changes.length === 0) return null;
  const author = 'events' in a ? a.author_id : a.updater_id;
  return {
    id: a.id,
    ticketId: a.ticket_id,
    authorId: author === undefined || author === null || String(author) === '-1' ? null : String(author),
    createdAt: iso(a.created_at),
    changes,
  };
}

export const toCategory = (c: z.infer<typeof rawCategory>): Category => ({
  id: c.id,
  name: c.name,
  description: c.description || null,
  locale: c.locale,
  position: c.position ?? null,
});

export const toSection = (s: z.infer<typeof rawSection>): Section => ({
  ...toCategory(s),
  categoryId: s.category_id,
  parentSectionId: s.parent_section_id ?? null,
});

export function toTranslation(t: z.infer<typeof rawTranslation>): Translation {
  return {
    locale: t.locale,
    title: t.title,
    html: t.body ?? '',
    state: t.draft ? 'draft' : 'published',
    authorId: t.updated_by_id ?? t.created_by_id ?? null,
    updatedAt: iso(t.updated_at),
  };
}

export function toArticle(
  a: RawArticle,
  translations: Translation[],
  attachments: Array<z.infer<typeof rawArticleAttachment>>,
): Article {
  const html = a.body ?? '';
  return {
    id: a.id,
    sectionId: a.section_id ?? null,
    authorId: a.author_id ?? null,
    locale: a.source_locale ?? a.locale,
    title: a.title,
    html,
    state: a.draft ? 'draft' : 'published',
    url: a.html_url ?? null,
    translations,
    attachments: attachments.map((x) => toAttachment(x, html)),
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
  };
}
