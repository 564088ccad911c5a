// The migration settings: what moves, where, how it is mapped, and the automated options. One schema for
// the wizard, the console and `ferry migrate --settings FILE`; every field has a default, so `{}` is valid.
import { z } from 'zod';
import type { Platform } from '../model/canonical.js';
import { InputError } from '../errors.js';

const id = z.string().trim().min(1);
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const entitySchema = z.enum(['contacts', 'companies', 'tickets', 'articles']);
export type MigratedEntity = z.infer<typeof entitySchema>;

export const filtersSchema = z
  .object({
    /** Tickets created at or after this instant (ISO date or date-time). */
    createdFrom: isoDate.nullable().default(null),
    /** Tickets created before this instant (exclusive). */
    createdTo: isoDate.nullable().default(null),
    /** Tickets carrying at least one of these tags (case-insensitive); empty = any. */
    tags: z.array(z.string()).default([]),
    /** Tickets in one of these source groups; empty = any. */
    groupIds: z.array(id).default([]),
    /** Tickets of one of these source organizations/companies; empty = any. */
    organizationIds: z.array(id).default([]),
    /** Tickets assigned to one of these source agents; empty = any. */
    assigneeIds: z.array(id).default([]),
    /** Tickets whose custom field `key` holds one of `values` (compared as strings); all entries must match. */
    customFieldValues: z
      .array(z.object({ key: z.string().min(1), values: z.array(z.string()).min(1) }))
      .default([]),
  })
  .prefault({});
export type TicketFilters = z.infer<typeof filtersSchema>;

export const fieldMappingSchema = z.object({
  /** Which source record the field belongs to. */
  scope: z.enum(['ticket', 'contact', 'company']),
  /** FieldDefinition.key of the source field. */
  key: z.string().min(1),
  /** The Intercom attribute (ticket-type / conversation / data attribute) name that receives the value. */
  attribute: z.string().trim().min(1),
  /** Create the attribute when Intercom does not have it yet. */
  create: z.boolean().default(false),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const mappingsSchema = z
  .object({
    /** Source agent id → Intercom admin id; null = the fallback teammate (with "Originally written by"). */
    agents: z.record(z.string(), id.nullable()).default({}),
    /** The teammate that writes for unmapped, deactivated or automated authors. Null = the token's own admin. */
    fallbackAdminId: id.nullable().default(null),
    /** Source group id → Intercom team id; null = no team. */
    groups: z.record(z.string(), id.nullable()).default({}),
    /** Source custom fields → Intercom attributes. Fields not listed are not migrated. */
    fields: z.array(fieldMappingSchema).default([]),
    /** Fields ("scope:key") the admin left out in the console: matching again never maps them back. */
    leftOut: z.array(z.string()).default([]),
  })
  .prefault({});
export type Mappings = z.infer<typeof mappingsSchema>;

/** Intercom's own cap is 10 files or URLs a part (2.16 description: admin_reply_ticket_request maxItems). */
export const INTERCOM_MAX_ATTACHMENTS_PER_PART = 10;
/**
 * Intercom caps an uploaded attachment at 100 MB (help article "Control how attachments are uploaded and
 * used"); Ferry's default is lower because files travel base64-encoded inside a JSON body (+33 %).
 */
export const INTERCOM_MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

export const optionsSchema = z
  .object({
    /** Tag every migrated ticket with `migratedTagName`. */
    tagMigrated: z.boolean().default(true),
    /** The migrated tag's name; null = "migrated-from-<platform>". */
    migratedTagName: z.string().trim().min(1).nullable().default(null),
    /** Title "[#123] subject" instead of "subject". */
    oldIdInSubject: z.boolean().default(false),
    /** Migrate every article translation into translated_content. */
    translations: z.boolean().default(true),
    /** Ticket events (field changes) as private notes. */
    eventsAsNotes: z.boolean().default(false),
    /** The requester's user fields as a private note on each ticket. */
    requesterFieldsAsNote: z.boolean().default(false),
    /** Deactivated agents' comments: written by the fallback teammate with "Originally written by", or skipped. */
    inactiveAgents: z.enum(['fallback', 'skip']).default('fallback'),
    /** A comment with more attachments continues in further parts (Intercom allows 10 a part). */
    attachmentsPerPart: z.number().int().min(1).max(INTERCOM_MAX_ATTACHMENTS_PER_PART).default(5),
    /** Files larger than this are skipped with a reason. */
    maxAttachmentBytes: z
      .number()
      .int()
      .positive()
      .max(INTERCOM_MAX_ATTACHMENT_BYTES)
      .default(40 * 1024 * 1024),
    /** Create mapped attributes that Intercom lacks (ferry_source_id is always created). */
    createMissingAttributes: z.boolean().default(true),
    /**
     * Add the source's drop-down options that an existing Intercom list attribute lacks (only while
     * createMissingAttributes is on too); off, such values are left off with a reason.
     */
    addMissingListOptions: z.boolean().default(true),
    /** Create companies that have no contacts (Intercom hides them). */
    createEmptyCompanies: z.boolean().default(false),
    /**
     * The old help center's address (e.g. https://help.acme.com) once it points to Intercom's help center
     * (its custom domain): Ferry then creates a redirect there for every old article, section and category
     * address in each locale. Null: no redirects (the url-map.csv still lists the addresses).
     */
    helpCenterRedirects: z
      .url({
        protocol: /^https?$/,
        error: 'must be the old help center address, such as https://help.acme.com',
      })
      .nullable()
      .default(null),
    /**
     * Rewrite links into the old help center inside ticket comments to the migrated articles' Intercom
     * addresses, as the articles' own links are (a link to an object not migrated stays and is reported).
     */
    rewriteCommentLinks: z.boolean().default(false),
    /** Region for phone numbers written without a country code (ISO 3166 alpha-2, e.g. "DE"); null = none. */
    defaultPhoneCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as DE')
      .nullable()
      .default(null),
  })
  .prefault({});
export type MigrationOptions = z.infer<typeof optionsSchema>;

export const migrationSettingsSchema = z.object({
  /** What moves. */
  entities: z
    .array(entitySchema)
    .min(1)
    .default(['contacts', 'companies', 'tickets', 'articles'])
    .transform((list) => [...new Set(list)]),
  /** Where tickets go: Intercom tickets of a ticket type (silent, the default) or conversations. */
  target: z.enum(['tickets', 'conversations']).default('tickets'),
  /** The ticket type to use or create (by name) when ticketTypeId is not given. */
  ticketTypeName: z.string().trim().min(1).default('Migrated ticket'),
  /** An existing Intercom ticket type id; wins over ticketTypeName. */
  ticketTypeId: id.nullable().default(null),
  filters: filtersSchema,
  mappings: mappingsSchema,
  options: optionsSchema,
});
export type MigrationSettings = z.infer<typeof migrationSettingsSchema>;
export type MigrationSettingsInput = z.input<typeof migrationSettingsSchema>;

/** Parses settings from any source (JSON file, form, stored row); throws InputError naming the field. */
export function parseSettings(input: unknown): MigrationSettings {
  const result = migrationSettingsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new InputError(
    `settings${field ? `.${field}` : ''}: ${issue?.message ?? 'invalid'}`,
    field || undefined,
  );
}

export const defaultSettings = (): MigrationSettings => parseSettings({});

/** The tag every migrated ticket gets, or null when the option is off. */
export function migratedTagName(settings: MigrationSettings, platform: Platform): string | null {
  if (!settings.options.tagMigrated) return null;
  return settings.options.migratedTagName ?? `migrated-from-${platform}`;
}

/** An example for `ferry migrate --settings FILE` (docs and tests); every key is optional. */
export const settingsExample = {
  entities: ['contacts', 'companies', 'tickets', 'articles'],
  target: 'tickets',
  ticketTypeName: 'Migrated ticket',
  ticketTypeId: null,
  filters: {
    createdFrom: '2023-01-01',
    createdTo: null,
    tags: ['vip'],
    groupIds: [],
    organizationIds: [],
    assigneeIds: [],
    customFieldValues: [{ key: 'region', values: ['EMEA'] }],
  },
  mappings: {
    agents: { '1001': '991267943', '1002': null },
    fallbackAdminId: '991267943',
    groups: { '2001': '814' },
    fields: [
      { scope: 'ticket', key: '360001', attribute: 'Product', create: true },
      { scope: 'contact', key: 'plan', attribute: 'plan', create: true },
    ],
  },
  options: {
    tagMigrated: true,
    migratedTagName: null,
    oldIdInSubject: false,
    translations: true,
    eventsAsNotes: false,
    requesterFieldsAsNote: false,
    inactiveAgents: 'fallback',
    attachmentsPerPart: 5,
    maxAttachmentBytes: 41943040,
    createMissingAttributes: true,
    addMissingListOptions: true,
    createEmptyCompanies: false,
    defaultPhoneCountry: null,
    helpCenterRedirects: null,
    rewriteCommentLinks: false,
  },
} satisfies MigrationSettingsInput;
