// Raw Zendesk objects, parsed leniently at the border (vendors send nulls and extra fields): only what Ferry
// reads is declared; unknown keys are dropped. Shapes: /work/shared/specs/zendesk/*.yaml.
import { z } from 'zod';
import { listOf as list, optionalText as text } from '../shared/lenient.js';

/** Zendesk ids are integers (some beyond 2^31); Ferry keeps ids as strings. */
export const zid = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const stamp = z.string();

export const rawUser = z.object({
  id: zid,
  name: text,
  email: text,
  phone: text,
  organization_id: zid.nullish(),
  role: z.string(),
  active: z.boolean().nullish(),
  tags: list(z.string()),
  user_fields: z.record(z.string(), z.unknown()).nullish(),
  default_group_id: zid.nullish(),
  created_at: stamp,
  updated_at: stamp,
});
export type RawUser = z.infer<typeof rawUser>;

export const rawOrganization = z.object({
  id: zid,
  name: z.string(),
  domain_names: list(z.string()),
  tags: list(z.string()),
  organization_fields: z.record(z.string(), z.unknown()).nullish(),
  created_at: stamp,
  updated_at: stamp,
});

export const rawGroup = z.object({
  id: zid,
  name: z.string(),
  description: text,
  deleted: z.boolean().nullish(),
});

export const rawGroupMembership = z.object({ id: zid, user_id: zid, group_id: zid });

export const rawField = z.object({
  id: zid,
  type: z.string(),
  key: text,
  title: z.string(),
  active: z.boolean().nullish(),
  removable: z.boolean().nullish(),
  custom_field_options: list(z.object({ name: z.string(), value: z.string() })),
  system_field_options: list(z.object({ name: z.string(), value: z.string() })),
});
export type RawField = z.infer<typeof rawField>;

/** GET /api/v2/custom_statuses (CustomStatusObject). */
export const rawCustomStatus = z.object({
  id: zid,
  status_category: z.string(),
  agent_label: z.string(),
  end_user_label: text,
  active: z.boolean().nullish(),
  default: z.boolean().nullish(),
});
export type RawCustomStatus = z.infer<typeof rawCustomStatus>;

export const rawTag = z.object({ name: z.string(), count: z.number().int().nullish() });

export const rawTicket = z.object({
  id: zid,
  subject: text,
  raw_subject: text,
  description: text,
  status: z.string(),
  priority: text,
  type: text,
  requester_id: zid.nullish(),
  submitter_id: zid.nullish(),
  assignee_id: zid.nullish(),
  group_id: zid.nullish(),
  organization_id: zid.nullish(),
  tags: list(z.string()),
  custom_fields: list(z.object({ id: zid, value: z.unknown() })),
  email_cc_ids: list(zid),
  follower_ids: list(zid),
  collaborator_ids: list(zid),
  via: z.object({ channel: z.union([z.string(), z.number()]).nullish() }).nullish(),
  /** A custom ticket status (GET /api/v2/custom_statuses); its label says more than `status`. */
  custom_status_id: zid.nullish(),
  created_at: stamp,
  updated_at: stamp,
});
export type RawTicket = z.infer<typeof rawTicket>;

export const rawAttachment = z.object({
  id: zid,
  // Seen missing on real exports: the mapper names the file rather than reject its whole comment.
  file_name: text,
  content_url: z.string(),
  content_type: z.string().nullish(),
  size: z.number().int().nullish(),
  inline: z.boolean().nullish(),
});

export const rawComment = z.object({
  id: zid,
  type: z.string().nullish(),
  author_id: z.union([zid, z.literal(-1)]).nullish(),
  body: text,
  html_body: text,
  plain_body: text,
  public: z.boolean().nullish(),
  attachments: list(rawAttachment),
  created_at: stamp,
});
export type RawComment = z.infer<typeof rawComment>;

/** An audit (GET /tickets/{id}/audits) or an event of the ticket-events export: child events vary by type. */
const childEvent = z
  .object({ id: zid.nullish(), type: z.string().nullish(), event_type: z.string().nullish() })
  .passthrough();

export const rawAudit = z.object({
  id: zid,
  ticket_id: zid,
  author_id: z.union([zid, z.literal(-1)]).nullish(),
  created_at: stamp,
  events: list(childEvent),
});
export type RawAudit = z.infer<typeof rawAudit>;

export const rawTicketEvent = z.object({
  id: zid,
  ticket_id: zid,
  timestamp: z.number().int(),
  created_at: stamp,
  updater_id: z.union([zid, z.literal(-1)]).nullish(),
  event_type: z.string().nullish(),
  child_events: list(childEvent),
});
export type RawTicketEvent = z.infer<typeof rawTicketEvent>;

export const rawChange = z.object({
  field_name: z.string(),
  value: z.unknown(),
  previous_value: z.unknown(),
});

export const rawCategory = z.object({
  id: zid,
  name: z.string(),
  description: text,
  locale: z.string(),
  position: z.number().int().nullish(),
});
export const rawSection = rawCategory.extend({ category_id: zid, parent_section_id: zid.nullish() });
export const rawArticle = z.object({
  id: zid,
  section_id: zid.nullish(),
  author_id: zid.nullish(),
  locale: z.string(),
  source_locale: z.string().nullish(),
  title: z.string(),
  body: text,
  draft: z.boolean().nullish(),
  html_url: text,
  created_at: stamp,
  updated_at: stamp,
});
export type RawArticle = z.infer<typeof rawArticle>;
export const rawTranslation = z.object({
  locale: z.string(),
  title: z.string(),
  body: text,
  draft: z.boolean().nullish(),
  updated_by_id: zid.nullish(),
  created_by_id: zid.nullish(),
  updated_at: stamp,
});
export const rawArticleAttachment = rawAttachment;

// Envelopes: only the paging keys; the items are parsed one by one (a bad record is a record error).
export const cursorListEnvelope = z.object({
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullish() }).nullish(),
  links: z.object({ next: z.string().nullish() }).nullish(),
  next_page: z.string().nullish(),
});
export const cursorExportEnvelope = z.object({
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});
export const timeExportEnvelope = z.object({
  end_time: z.number().int().nullish(),
  next_page: z.string().nullish(),
  end_of_stream: z.boolean(),
});
export const countEnvelope = z.object({ count: z.object({ value: z.number().int() }) });
