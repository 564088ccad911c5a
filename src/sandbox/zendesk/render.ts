// Canonical sample records rendered in Zendesk's shapes (Support API and Help Center API objects, as in
// /work/shared/specs/zendesk and the developer docs). Ids become numbers, as Zendesk sends them.
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
import { agentTimes } from '../sample-account/index.js';

export type Json = Record<string, unknown>;
const num = (id: string | null): number | null => (id === null ? null : Number(id));

export function renderAgentUser(origin: string, a: Agent, index: number): Json {
  return {
    id: num(a.id),
    url: `${origin}/api/v2/users/${a.id}.json`,
    name: a.name,
    email: a.email,
    phone: null,
    organization_id: null,
    role: a.role === 'admin' ? 'admin' : 'agent',
    role_type: null,
    active: a.active,
    suspended: false,
    verified: true,
    tags: [],
    default_group_id: num(a.groupIds[0] ?? null),
    user_fields: {},
    locale: 'en-US',
    time_zone: 'Berlin',
    ...agentTimesJson(index),
  };
}

function agentTimesJson(index: number): Json {
  const t = agentTimes(index);
  return { created_at: t.createdAt, updated_at: t.updatedAt };
}

export function renderContactUser(origin: string, c: Contact): Json {
  return {
    id: num(c.id),
    url: `${origin}/api/v2/users/${c.id}.json`,
    // Zendesk requires a name: a user created from an e-mail or phone gets that as its name.
    name: c.name ?? c.email ?? c.phone ?? `User ${c.id}`,
    email: c.email,
    phone: c.phone,
    organization_id: num(c.companyIds[0] ?? null),
    role: 'end-user',
    role_type: null,
    active: c.active,
    suspended: false,
    verified: c.email !== null,
    default_group_id: null,
    tags: c.tags,
    user_fields: c.customFields,
    locale: 'en-US',
    time_zone: 'Berlin',
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function renderOrganization(origin: string, c: Company): Json {
  return {
    id: num(c.id),
    url: `${origin}/api/v2/organizations/${c.id}.json`,
    name: c.name,
    domain_names: c.domains,
    details: null,
    notes: null,
    group_id: null,
    shared_tickets: false,
    shared_comments: false,
    tags: c.tags,
    organization_fields: c.customFields,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function renderGroup(origin: string, g: Group): Json {
  const t = agentTimes(0);
  return {
    id: num(g.id),
    url: `${origin}/api/v2/groups/${g.id}.json`,
    name: g.name,
    description: g.description ?? '',
    default: g.id.endsWith('001'),
    deleted: false,
    is_public: true,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

/** Ticket fields: Zendesk's system fields first, then the account's custom fields. */
export function renderTicketField(origin: string, f: FieldDefinition, position: number): Json {
  return { ...fieldBase(origin, 'ticket_fields', f, position), ...fieldOptions(f) };
}

/** User and organization fields carry a `key` (their values are keyed by it). */
export function renderKeyedField(
  origin: string,
  kind: 'user_fields' | 'organization_fields',
  f: FieldDefinition,
  position: number,
): Json {
  return { ...fieldBase(origin, kind, f, position), key: f.key, ...fieldOptions(f) };
}

function fieldBase(origin: string, kind: string, f: FieldDefinition, position: number): Json {
  const t = agentTimes(0);
  return {
    id: num(f.id),
    url: `${origin}/api/v2/${kind}/${f.id}.json`,
    type: f.rawType,
    title: f.title,
    raw_title: f.title,
    description: '',
    raw_description: '',
    position,
    active: f.active,
    required: false,
    regexp_for_validation: f.type === 'regexp' ? '^SN-\\d{4}-[A-Z]$' : null,
    ...(f.type === 'lookup' ? { relationship_target_type: 'zen:user' } : {}),
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

function fieldOptions(f: FieldDefinition): Json {
  if (f.options.length === 0) return {};
  return {
    custom_field_options: f.options.map((o, i) => ({
      id: Number(f.id) * 100 + i,
      name: o.label,
      raw_name: o.label,
      value: o.value,
      default: false,
    })),
  };
}

export const SYSTEM_TICKET_FIELDS = [
  { id: 1, type: 'subject', title: 'Subject' },
  { id: 2, type: 'description', title: 'Description' },
  { id: 3, type: 'status', title: 'Status' },
  { id: 4, type: 'tickettype', title: 'Type' },
  { id: 5, type: 'priority', title: 'Priority' },
  { id: 6, type: 'group', title: 'Group' },
  { id: 7, type: 'assignee', title: 'Assignee' },
] as const;

export function renderSystemTicketField(origin: string, s: (typeof SYSTEM_TICKET_FIELDS)[number]): Json {
  const t = agentTimes(0);
  return {
    id: s.id,
    url: `${origin}/api/v2/ticket_fields/${s.id}.json`,
    type: s.type,
    title: s.title,
    raw_title: s.title,
    description: '',
    raw_description: '',
    position: s.id - 1,
    active: true,
    required: false,
    removable: false,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function renderTicket(origin: string, t: Ticket, fields: FieldDefinition[]): Json {
  return {
    id: num(t.id),
    url: `${origin}/api/v2/tickets/${t.id}.json`,
    external_id: null,
    via: { channel: t.channel ?? 'web', source: { from: {}, to: {}, rel: null } },
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    generated_timestamp: Math.floor(Date.parse(t.updatedAt) / 1000),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    ...(t.channel === 'email' ? { recipient: 'support@sample-support.test' } : {}),
    requester_id: num(t.requesterId),
    submitter_id: num(t.submitterId),
    assignee_id: num(t.assigneeId),
    organization_id: num(t.companyId),
    group_id: num(t.groupId),
    collaborator_ids: [...t.ccIds, ...t.followerIds].map(Number),
    follower_ids: t.followerIds.map(Number),
    email_cc_ids: t.ccIds.map(Number),
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: t.tags,
    custom_fields: fields.map((f) => ({ id: Number(f.id), value: t.customFields[f.key] ?? null })),
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: [],
    brand_id: 1,
    allow_attachments: true,
  };
}

export function renderAttachment(a: Attachment): Json {
  return {
    id: num(a.id),
    url: `${new URL(a.url).origin}/api/v2/attachments/${a.id}.json`,
    file_name: a.fileName,
    content_url: a.url,
    mapped_content_url: a.url,
    content_type: a.contentType,
    size: a.size,
    inline: a.inline,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: 'malware_not_found',
    thumbnails: [],
  };
}

/** A comment as /tickets/{id}/comments lists it; inline images only when asked (include_inline_images). */
/** Faults a comment can be rendered with (ZendeskFaults). */
export interface CommentQuirks {
  namelessAttachmentIds?: ReadonlySet<string>;
  bodyOnly?: boolean;
}

export function renderComment(
  c: Comment,
  auditId: number,
  includeInline: boolean,
  quirks: CommentQuirks = {},
): Json {
  const json = renderPlainComment(c, auditId, includeInline);
  const attachments = (json['attachments'] as Json[]).map((a) =>
    quirks.namelessAttachmentIds?.has(String(a['id'])) ? { ...a, file_name: undefined } : a,
  );
  return {
    ...json,
    attachments,
    ...(quirks.bodyOnly ? { html_body: '', plain_body: '' } : {}),
  };
}

function renderPlainComment(c: Comment, auditId: number, includeInline: boolean): Json {
  return {
    id: num(c.id),
    type: 'Comment',
    author_id: num(c.authorId),
    body: c.plain,
    html_body: c.html,
    plain_body: c.plain,
    public: c.public,
    attachments: c.attachments.filter((a) => includeInline || !a.inline).map(renderAttachment),
    audit_id: auditId,
    via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
    metadata: { system: {}, custom: {} },
    created_at: c.createdAt,
  };
}

export function renderChange(id: number, change: TicketEvent['changes'][number]): Json {
  return { id, type: 'Change', field_name: change.field, value: change.to, previous_value: change.from };
}

export function renderCategory(origin: string, c: Category): Json {
  const t = agentTimes(0);
  return {
    id: num(c.id),
    url: `${origin}/api/v2/help_center/categories/${c.id}.json`,
    html_url: `${origin}/hc/${c.locale}/categories/${c.id}`,
    name: c.name,
    description: c.description ?? '',
    locale: c.locale,
    source_locale: c.locale,
    position: c.position ?? 0,
    outdated: false,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function renderSection(origin: string, s: Section): Json {
  const t = agentTimes(0);
  return {
    id: num(s.id),
    url: `${origin}/api/v2/help_center/sections/${s.id}.json`,
    html_url: `${origin}/hc/${s.locale}/sections/${s.id}`,
    category_id: num(s.categoryId),
    parent_section_id: num(s.parentSectionId),
    name: s.name,
    description: s.description ?? '',
    locale: s.locale,
    source_locale: s.locale,
    position: s.position ?? 0,
    sorting: 'manual',
    outdated: false,
    theme_template: 'section_page',
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function renderArticle(origin: string, a: Article): Json {
  return {
    id: num(a.id),
    url: `${origin}/api/v2/help_center/articles/${a.id}.json`,
    html_url: a.url === null ? null : `${origin}${a.url}`,
    author_id: num(a.authorId),
    comments_disabled: false,
    draft: a.state === 'draft',
    promoted: false,
    position: 0,
    vote_sum: 0,
    vote_count: 0,
    section_id: num(a.sectionId),
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    edited_at: a.updatedAt,
    name: a.title,
    title: a.title,
    source_locale: a.locale,
    locale: a.locale,
    outdated: false,
    outdated_locales: [],
    permission_group_id: 1,
    user_segment_id: null,
    label_names: [],
    content_tag_ids: [],
    body: a.html,
  };
}

export function renderTranslation(origin: string, articleId: string, t: Translation, index: number): Json {
  return {
    id: Number(articleId) * 10 + index,
    url: `${origin}/api/v2/help_center/articles/${articleId}/translations/${t.locale}.json`,
    html_url: `${origin}/hc/${t.locale}/articles/${articleId}`,
    source_id: Number(articleId),
    source_type: 'article',
    locale: t.locale,
    title: t.title,
    body: t.html,
    outdated: false,
    draft: t.state === 'draft',
    hidden: false,
    created_at: t.updatedAt,
    updated_at: t.updatedAt,
    updated_by_id: num(t.authorId),
    created_by_id: num(t.authorId),
  };
}

export function renderArticleAttachment(articleId: string, a: Attachment): Json {
  return {
    id: num(a.id),
    url: `${new URL(a.url).origin}/api/v2/help_center/articles/attachments/${a.id}.json`,
    article_id: Number(articleId),
    file_name: a.fileName,
    content_url: a.url,
    content_type: a.contentType,
    size: a.size,
    inline: a.inline,
    created_at: agentTimes(0).createdAt,
    updated_at: agentTimes(0).updatedAt,
  };
}
