// Lenient zod schemas of what Freshdesk's API v2 returns (STYLE.md §2): vendors send nulls, numbers where
// strings are expected and fields we never read, so every field is optional or nullable and unknown keys
// pass through. Shapes from developers.freshdesk.com/api and the BSD python-freshdesk fixtures (checked in
// test/fixtures/freshdesk/, see test/sources/freshdesk/raw-schemas.test.ts).
import { z } from 'zod';
import { listOf, optionalText as str } from '../shared/lenient.js';

/** Freshdesk ids are numbers; we keep them as strings (canonical.ts). */
export const rawId = z.union([z.number(), z.string().min(1)]).transform((v) => String(v));
const strList = listOf(z.string());
const date = z.string().min(1);

export const rawAttachmentSchema = z.looseObject({
  id: rawId,
  name: z.string().nullish(),
  content_type: z.string().nullish(),
  // Ticket attachments say `file_size` in some responses, `size` in others (python-freshdesk ticket_1.json).
  size: z.number().nullish(),
  file_size: z.number().nullish(),
  attachment_url: z.string(),
  inline: z.boolean().nullish(),
});
export type RawAttachment = z.infer<typeof rawAttachmentSchema>;

export const rawTicketSchema = z.looseObject({
  id: rawId,
  subject: str,
  description: str,
  description_text: str,
  status: z.number(),
  priority: z.number().nullish(),
  source: z.number().nullish(),
  type: str,
  requester_id: rawId.nullish(),
  responder_id: rawId.nullish(),
  group_id: rawId.nullish(),
  company_id: rawId.nullish(),
  tags: strList,
  cc_emails: strList,
  custom_fields: z.record(z.string(), z.unknown()).nullish(),
  attachments: z.array(z.unknown()).nullish(),
  spam: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  created_at: date,
  updated_at: date,
});
export type RawTicket = z.infer<typeof rawTicketSchema>;

export const rawConversationSchema = z.looseObject({
  id: rawId,
  body: str,
  body_text: str,
  incoming: z.boolean().nullish(),
  private: z.boolean().nullish(),
  user_id: rawId.nullish(),
  source: z.number().nullish(),
  ticket_id: rawId.nullish(),
  cc_emails: strList,
  attachments: z.array(z.unknown()).nullish(),
  created_at: date,
});
export type RawConversation = z.infer<typeof rawConversationSchema>;

export const rawContactSchema = z.looseObject({
  id: rawId,
  name: str,
  email: str,
  phone: z.union([z.string(), z.number()]).nullish(),
  mobile: z.union([z.string(), z.number()]).nullish(),
  company_id: rawId.nullish(),
  /** Multiple companies (a feature some plans have): [{ company_id, view_all_tickets }]. */
  other_companies: z.array(z.unknown()).nullish(),
  active: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  tags: strList,
  custom_fields: z.record(z.string(), z.unknown()).nullish(),
  created_at: date,
  updated_at: date,
});
export type RawContact = z.infer<typeof rawContactSchema>;

export const rawCompanySchema = z.looseObject({
  id: rawId,
  name: z.string(),
  description: str,
  // Default company fields (Freshdesk API v2 "Companies"): dropdown labels, a date "YYYY-MM-DD", texts.
  note: str,
  health_score: str,
  account_tier: str,
  renewal_date: str,
  industry: str,
  domains: strList,
  custom_fields: z.record(z.string(), z.unknown()).nullish(),
  created_at: date,
  updated_at: date,
});
export type RawCompany = z.infer<typeof rawCompanySchema>;

export const rawAgentSchema = z.looseObject({
  id: rawId,
  /** 1 global access, 2 group access, 3 restricted access (developers.freshdesk.com/api/#agents). */
  ticket_scope: z.number().nullish(),
  occasional: z.boolean().nullish(),
  role_ids: z.array(rawId).nullish(),
  group_ids: z.array(rawId).nullish(),
  /** "support_agent", "field_agent", "collaborator" on newer accounts. */
  type: str,
  contact: z.looseObject({
    name: str,
    email: str,
    active: z.boolean().nullish(),
  }),
  created_at: date.nullish(),
  updated_at: date.nullish(),
});
export type RawAgent = z.infer<typeof rawAgentSchema>;

export const rawRoleSchema = z.looseObject({ id: rawId, name: z.string(), default: z.boolean().nullish() });
export type RawRole = z.infer<typeof rawRoleSchema>;

export const rawGroupSchema = z.looseObject({
  id: rawId,
  name: z.string(),
  description: str,
  agent_ids: z.array(rawId).nullish(),
});
export type RawGroup = z.infer<typeof rawGroupSchema>;

/**
 * Ticket, contact and company fields. Ticket dropdown choices are a list of strings (status and priority use
 * objects); contact and company dropdown choices are [{ id, value, position }].
 */
export const rawFieldSchema = z.looseObject({
  id: rawId,
  name: z.string(),
  label: z.string().nullish(),
  type: z.string(),
  default: z.boolean().nullish(),
  position: z.number().nullish(),
  choices: z.unknown().optional(),
  /** A nested_field's levels 2 and 3: each level's value is stored under its own name. */
  nested_ticket_fields: z
    .array(z.looseObject({ name: z.string(), level: z.number().nullish(), label: str }))
    .nullish(),
});
export type RawField = z.infer<typeof rawFieldSchema>;

export const rawCategorySchema = z.looseObject({
  id: rawId,
  name: z.string(),
  description: str,
  position: z.number().nullish(),
});
export type RawCategory = z.infer<typeof rawCategorySchema>;

export const rawFolderSchema = z.looseObject({
  id: rawId,
  name: z.string(),
  description: str,
  position: z.number().nullish(),
  category_id: rawId.nullish(),
  parent_folder_id: rawId.nullish(),
});
export type RawFolder = z.infer<typeof rawFolderSchema>;

export const rawArticleSchema = z.looseObject({
  id: rawId,
  title: z.string(),
  description: str,
  /** 1 draft, 2 published (python-freshdesk test_solutions.py reads status 2 as "published"). */
  status: z.number(),
  agent_id: rawId.nullish(),
  folder_id: rawId.nullish(),
  category_id: rawId.nullish(),
  attachments: z.array(z.unknown()).nullish(),
  created_at: date,
  updated_at: date,
});
export type RawArticle = z.infer<typeof rawArticleSchema>;

export const rawHelpdeskSettingsSchema = z.looseObject({
  primary_language: z.string().nullish(),
  supported_languages: strList,
  portal_languages: strList,
});

export const rawErrorSchema = z.looseObject({
  code: str,
  message: str,
  description: str,
  errors: z.array(z.looseObject({ field: str, message: str, code: str })).nullish(),
});

/**
 * Account export job (POST /api/v2/account/export). Not in the public reference: shape taken from a public
 * backup script (PowerShell, `$response.job.link.href`, polled until `progress` is 100, then
 * `data.download_attachment.url`). See README.md "Archived tickets".
 */
export const rawExportStartSchema = z.looseObject({
  job: z.looseObject({ id: rawId.nullish(), link: z.looseObject({ href: z.string() }) }),
});
export const rawExportStatusSchema = z.looseObject({
  progress: z.number().nullish(),
  status: str,
  data: z.looseObject({ download_attachment: z.looseObject({ url: z.string() }).nullish() }).nullish(),
});
/** The export file as the emulator serves it (JSON); other formats fall back (README.md). */
export const rawExportFileSchema = z.looseObject({
  tickets: z.array(z.looseObject({ id: rawId, archived: z.boolean().nullish() })),
});
