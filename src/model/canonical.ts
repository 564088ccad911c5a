// Ferry's canonical help-desk model: what every source connector produces and what transform/ maps to
// Intercom. Strict inside (the raw vendor schemas in sources/<platform>/ are the lenient ones).
// Ids are strings everywhere (Zendesk ids exceed 2^53 in places; Freshdesk ids are numbers): the connector
// converts. Timestamps are ISO-8601 strings in UTC.
import { z } from 'zod';

export const platformSchema = z.enum(['zendesk', 'freshdesk']);
export type Platform = z.infer<typeof platformSchema>;

const id = z.string().min(1);
const isoDate = z.string().datetime({ offset: true });

export const contactSchema = z.object({
  id,
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Source organization/company ids (Zendesk users can belong to several; the first is the primary). */
  companyIds: z.array(id),
  role: z.enum(['end-user', 'agent', 'admin']),
  active: z.boolean(),
  /** The user was deleted in the source (comments by deleted users still reference them). */
  deleted: z.boolean().default(false),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Contact = z.infer<typeof contactSchema>;

export const companySchema = z.object({
  id,
  name: z.string(),
  domains: z.array(z.string()),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  /** The source's industry (Freshdesk's default company field): Intercom companies have an `industry`. */
  industry: z.string().nullable().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Company = z.infer<typeof companySchema>;

export const agentSchema = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  role: z.string().nullable(),
  groupIds: z.array(id),
});
export type Agent = z.infer<typeof agentSchema>;

export const groupSchema = z.object({ id, name: z.string(), description: z.string().nullable() });
export type Group = z.infer<typeof groupSchema>;

/** Field types, normalised across sources (DESIGN.md "Custom fields" table). */
export const fieldTypeSchema = z.enum([
  'text',
  'textarea',
  'checkbox',
  'integer',
  'decimal',
  'date',
  'dropdown',
  'multiselect',
  'lookup',
  'nested',
  'regexp',
  'partialcreditcard',
  'other',
]);
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const fieldDefinitionSchema = z.object({
  id,
  /** Which record the field belongs to. */
  scope: z.enum(['ticket', 'contact', 'company']),
  /** Stable machine key (Zendesk: id or key; Freshdesk: name such as cf_region). Values are keyed by it. */
  key: z.string(),
  title: z.string(),
  type: fieldTypeSchema,
  /** The vendor's own type name, for reports. */
  rawType: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  active: z.boolean(),
  /** A system field (status, priority…) rather than an admin-defined one. */
  system: z.boolean(),
  /**
   * A nested (dependent) field's lower levels, in order: the keys their values are stored under (Freshdesk
   * keeps each level's value under its own name). The value becomes "A > B > C" (DESIGN.md's table).
   */
  levelKeys: z.array(z.string()).optional(),
});
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

export const tagSchema = z.object({ name: z.string(), count: z.number().int().nullable() });
export type Tag = z.infer<typeof tagSchema>;

export const attachmentSchema = z.object({
  id,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative().nullable(),
  /** Where to fetch the bytes: always a source-provided URL, checked by the connector's fetch guard. */
  url: z.string().url(),
  /** An inline image of the comment body (its place in the body is marked by `inlineRef`). */
  inline: z.boolean(),
  /** For inline images: the exact src string in the HTML body that points at this file. */
  inlineRef: z.string().nullable().default(null),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const ticketStatusSchema = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const ticketSchema = z.object({
  id,
  /** The number an admin knows the ticket by (Zendesk id, Freshdesk display id). */
  number: z.string(),
  subject: z.string(),
  /** The first comment's plain text as the source reports it (may be empty). */
  description: z.string(),
  status: ticketStatusSchema,
  /** The vendor's status name, kept for reports ("Waiting on Customer"). */
  rawStatus: z.string(),
  /**
   * The account's own label for the status when it names it otherwise (a Zendesk custom ticket status such
   * as "On-hold" or "Waiting on vendor"); kept as an Intercom ticket state or attribute. Absent: none.
   */
  statusLabel: z.string().nullish(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable(),
  type: z.string().nullable(),
  requesterId: id.nullable(),
  submitterId: id.nullable(),
  assigneeId: id.nullable(),
  groupId: id.nullable(),
  companyId: id.nullable(),
  tags: z.array(z.string()),
  /** Keyed by FieldDefinition.key. */
  customFields: z.record(z.string(), z.unknown()),
  ccEmails: z.array(z.string()),
  /** Contact/agent ids of CC'd users and followers when the source gives ids rather than e-mails. */
  ccIds: z.array(id),
  followerIds: z.array(id),
  channel: z.string().nullable(),
  /** Archived (Freshdesk) tickets are read through a different endpoint. */
  archived: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Ticket = z.infer<typeof ticketSchema>;

export const commentSchema = z.object({
  id,
  ticketId: id,
  authorId: id.nullable(),
  /** Who wrote it, as far as the source says: an agent, an end user, or the system (automations). */
  authorRole: z.enum(['agent', 'end-user', 'system', 'unknown']),
  public: z.boolean(),
  html: z.string(),
  plain: z.string(),
  createdAt: isoDate,
  attachments: z.array(attachmentSchema),
  /** Addresses this comment was sent to as CC (Freshdesk conversations carry them per comment). */
  ccEmails: z.array(z.string()).default([]),
  /** What the source gave incompletely (a file without a name): reported on the comment's ledger row. */
  notes: z.array(z.string()).optional(),
});
export type Comment = z.infer<typeof commentSchema>;

export const ticketEventSchema = z.object({
  id,
  ticketId: id,
  authorId: id.nullable(),
  createdAt: isoDate,
  changes: z.array(z.object({ field: z.string(), from: z.unknown().nullable(), to: z.unknown().nullable() })),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const categorySchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  locale: z.string(),
  position: z.number().int().nullable(),
});
export type Category = z.infer<typeof categorySchema>;

/** A Zendesk section or Freshdesk folder: lives in a category, may nest (parentSectionId). */
export const sectionSchema = z.object({
  id,
  categoryId: id,
  parentSectionId: id.nullable(),
  name: z.string(),
  description: z.string().nullable(),
  locale: z.string(),
  position: z.number().int().nullable(),
});
export type Section = z.infer<typeof sectionSchema>;

export const translationSchema = z.object({
  locale: z.string(),
  title: z.string(),
  html: z.string(),
  state: z.enum(['published', 'draft']),
  authorId: id.nullable(),
  updatedAt: isoDate,
});
export type Translation = z.infer<typeof translationSchema>;

export const articleSchema = z.object({
  id,
  sectionId: id.nullable(),
  authorId: id.nullable(),
  /** The source locale's version. */
  locale: z.string(),
  title: z.string(),
  html: z.string(),
  state: z.enum(['published', 'draft']),
  /** The article's public address in the old help center (for the old-URL → new-URL map). */
  url: z.string().nullable(),
  translations: z.array(translationSchema),
  attachments: z.array(attachmentSchema),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Article = z.infer<typeof articleSchema>;

/** The entities a connector exposes as streams, and the ledger's entity names. */
export const entityNameSchema = z.enum([
  'contacts',
  'companies',
  'agents',
  'groups',
  'ticket_fields',
  'contact_fields',
  'company_fields',
  'tags',
  'tickets',
  'comments',
  'ticket_events',
  'categories',
  'sections',
  'articles',
]);
export type EntityName = z.infer<typeof entityNameSchema>;

export interface EntityRecordMap {
  contacts: Contact;
  companies: Company;
  agents: Agent;
  groups: Group;
  ticket_fields: FieldDefinition;
  contact_fields: FieldDefinition;
  company_fields: FieldDefinition;
  tags: Tag;
  tickets: Ticket;
  comments: Comment;
  ticket_events: TicketEvent;
  categories: Category;
  sections: Section;
  articles: Article;
}
