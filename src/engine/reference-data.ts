// The reference stage: reads Intercom's teammates, attributes and ticket types and the source's agents and
// fields once per run, creates what the settings allow (ferry_source_id everywhere, mapped attributes, the
// ticket type, the migrated tag), and stores the result so every loading job reads it from PostgreSQL.
import type { Knex } from 'knex';
import { z } from 'zod';
import { agentSchema, fieldDefinitionSchema, type Agent, type FieldDefinition } from '../model/canonical.js';
import { migratedTagName } from '../settings/settings.js';
import {
  sourceIdConversationAttribute,
  sourceIdDataAttribute,
  toConversationAttributeCreate,
  sourceIdTicketTypeAttribute,
  sourceStatusTicketTypeAttribute,
  toDataAttributeCreate,
  toTicketTypeAttributeCreate,
  toTicketTypeCreate,
} from '../transform/attribute-definitions.js';
import type { ReferenceData, ResolvedTicketType, TicketStateCategory } from '../transform/reference.js';
import { FERRY_SOURCE_ID } from '../transform/source-ref.js';
import { SOURCE_STATUS } from '../transform/to-ticket.js';
import { ConfigurationError } from '../errors.js';
import type { StageContext } from './context.js';
import {
  createdTagNames,
  listCreated,
  markArchived,
  recordCreated,
  recordingTagWrites,
} from './created-objects.js';
import { addMissingListOptions, listItemIds } from './list-options.js';
import { ticketTypeAttributeWrites } from './ticket-type-attributes.js';

const storedSchema = z.object({
  fallbackAdminId: z.string(),
  admins: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })),
  agents: z.array(agentSchema),
  fields: z.array(fieldDefinitionSchema),
  ticketType: z
    .object({
      id: z.string(),
      states: z.array(z.object({ id: z.string(), category: z.string(), label: z.string() })),
      listItemIds: z.record(z.string(), z.record(z.string(), z.string())),
      statusAttribute: z.string().nullable().default(null),
    })
    .nullable(),
  /** The ticket-type attribute id of ferry_source_id (tickets are searched by ticket_attribute.<id>). */
  ticketSourceAttributeId: z.string().nullable(),
  /** Tag name (lower case) → Intercom tag id. */
  tagIds: z.record(z.string(), z.string()),
  /** Lower-case names of the workspace's tags that Ferry did not create (a rollback never removes them). */
  preexistingTags: z.array(z.string()).default([]),
  /** Notes for the run's report: attributes that could not be created, and why. */
  notes: z.array(z.string()),
});
export type StoredReference = z.infer<typeof storedSchema>;

const KEY = 'reference';

export async function saveReference(db: Knex, migrationId: string, value: StoredReference): Promise<void> {
  await db('migration_reference')
    .insert({ migration_id: migrationId, key: KEY, value: JSON.stringify(value) })
    .onConflict(['migration_id', 'key'])
    .merge({ value: JSON.stringify(value), updated_at: db.fn.now() });
}

export async function loadReference(db: Knex, migrationId: string): Promise<StoredReference> {
  const row = await db('migration_reference')
    .where({ migration_id: migrationId, key: KEY })
    .first<{ value: unknown }>();
  if (!row) throw new Error('reference data missing: the reference stage has not run');
  return storedSchema.parse(row.value);
}

/** The mappers' view of the stored reference. */
export function toReferenceData(
  ctx: Pick<StageContext, 'platform' | 'settings'>,
  stored: StoredReference,
): ReferenceData {
  return {
    platform: ctx.platform,
    settings: ctx.settings,
    agents: new Map(stored.agents.map((a) => [a.id, a])),
    admins: stored.admins,
    fallbackAdminId: stored.fallbackAdminId,
    fields: stored.fields,
    ticketType: stored.ticketType as ResolvedTicketType | null,
  };
}

async function readAll<T>(pages: AsyncIterable<{ records: T[] }> | undefined): Promise<T[]> {
  const out: T[] = [];
  if (!pages) return out;
  for await (const page of pages) out.push(...page.records);
  return out;
}

const CATEGORIES: readonly TicketStateCategory[] = [
  'submitted',
  'in_progress',
  'waiting_on_customer',
  'resolved',
];

export async function runReferenceStage(ctx: StageContext): Promise<void> {
  const { intercom, settings, connector, signal } = ctx;
  const notes: string[] = [];
  const me = await intercom.getMe();
  const admins = (await intercom.listAdmins()).map((a) => ({
    id: a.id,
    name: a.name ?? '',
    email: a.email ?? null,
  }));
  const fallbackAdminId = settings.mappings.fallbackAdminId ?? me.id;
  const agents: Agent[] = await readAll(connector.streams.agents?.read({ signal }));
  const fields: FieldDefinition[] = [
    ...(await readAll(connector.streams.ticket_fields?.read({ signal }))),
    ...(await readAll(connector.streams.contact_fields?.read({ signal }))),
    ...(await readAll(connector.streams.company_fields?.read({ signal }))),
  ];
  const fieldOf = (scope: FieldDefinition['scope'], key: string) =>
    fields.find((f) => f.scope === scope && f.key === key);

  // Contact and company data attributes: ferry_source_id always, mapped fields when allowed.
  for (const model of ['contact', 'company'] as const) {
    const existing = new Set((await intercom.listDataAttributes(model)).map((a) => a.name));
    const wanted: { name: string; create: () => ReturnType<typeof toDataAttributeCreate> }[] = [
      { name: FERRY_SOURCE_ID, create: () => ({ kind: 'create', body: sourceIdDataAttribute(model) }) },
    ];
    for (const m of settings.mappings.fields.filter((f) => f.scope === model && f.create)) {
      const def = fieldOf(m.scope, m.key);
      if (def)
        wanted.push({
          name: m.attribute,
          create: () => toDataAttributeCreate(def, m.attribute, ctx.platform),
        });
    }
    // Ferry's own attributes a rollback archived: taken back out of the archive rather than created again.
    const archived = new Map(
      (await listCreated(ctx.db, ctx.migration.id, [`${model}_attributes`], null, true)).map((o) => [
        o.name,
        o.target_id,
      ]),
    );
    for (const w of wanted) {
      if (existing.has(w.name)) continue;
      if (w.name !== FERRY_SOURCE_ID && !settings.options.createMissingAttributes) continue;
      const def = w.create();
      const archivedId = archived.get(w.name);
      if (def.kind === 'skipped') notes.push(`${model} attribute ${w.name} not created: ${def.reason}`);
      else if (archivedId) {
        await intercom.archiveDataAttribute(archivedId, false);
        await markArchived(ctx.db, ctx.migration.id, `${model}_attributes`, archivedId, false, ctx.run.id);
      } else {
        const created = await intercom.createDataAttribute(def.body);
        if (created.id !== undefined)
          await recordCreated(ctx.db, ctx.migration.id, ctx.run.id, {
            kind: `${model}_attributes`,
            targetId: String(created.id),
            name: w.name,
          });
      }
      existing.add(w.name);
    }
  }

  let ticketType: StoredReference['ticketType'] = null;
  let ticketSourceAttributeId: string | null = null;
  if (settings.entities.includes('tickets') && settings.target === 'tickets') {
    const resolved = await resolveTicketType(ctx, fieldOf, notes);
    ticketType = { ...resolved.ticketType, statusAttribute: resolved.ticketType.statusAttribute ?? null };
    ticketSourceAttributeId = resolved.sourceAttributeId;
  }
  if (settings.target === 'conversations') await ensureConversationAttributes(ctx, fieldOf, notes);

  const tagIds: Record<string, string> = {};
  const ours = await createdTagNames(ctx.db, ctx.migration.id);
  // Only where Ferry may create tags (tickets, contacts and companies carry them; articles do not).
  const tagged = settings.entities.some((e) => e !== 'articles');
  const preexistingTags = tagged
    ? (await intercom.listTags()).map((t) => t.name.toLowerCase()).filter((name) => !ours.has(name))
    : [];
  const migrated = migratedTagName(settings, ctx.platform);
  if (migrated && settings.entities.includes('tickets')) {
    const tag = await tagWrites(ctx, preexistingTags).createTag(migrated);
    tagIds[migrated.toLowerCase()] = tag.id;
  }
  await saveReference(ctx.db, ctx.migration.id, {
    fallbackAdminId,
    admins,
    agents,
    fields,
    ticketType,
    ticketSourceAttributeId,
    tagIds,
    preexistingTags,
    notes,
  });
}

/** The stage's tag writes, recording the tags Ferry creates (src/engine/created-objects.ts). */
export function tagWrites(ctx: StageContext, preexisting: readonly string[]) {
  return recordingTagWrites(ctx.intercom, {
    db: ctx.db,
    migrationId: ctx.migration.id,
    runId: ctx.run.id,
    preexisting,
  });
}

async function resolveTicketType(
  ctx: StageContext,
  fieldOf: (scope: FieldDefinition['scope'], key: string) => FieldDefinition | undefined,
  notes: string[],
): Promise<{ ticketType: ResolvedTicketType; sourceAttributeId: string | null }> {
  const { intercom, settings } = ctx;
  const types = await intercom.listTicketTypes();
  let type =
    settings.ticketTypeId !== null
      ? types.find((t) => t.id === settings.ticketTypeId)
      : types.find(
          (t) => !t.archived && t.name.trim().toLowerCase() === settings.ticketTypeName.trim().toLowerCase(),
        );
  if (!type) {
    if (settings.ticketTypeId !== null) {
      throw new ConfigurationError(
        `The ticket type ${settings.ticketTypeId} chosen in the settings does not exist in Intercom. Choose another one, then resume.`,
        'intercom',
      );
    }
    type = await intercom.createTicketType(toTicketTypeCreate(settings.ticketTypeName, ctx.platform));
    await recordCreated(ctx.db, ctx.migration.id, ctx.run.id, {
      kind: 'ticket_types',
      targetId: type.id,
      name: type.name,
    });
  }
  const attributeNames = () =>
    new Set(
      (type!.ticket_type_attributes?.ticket_type_attributes ?? [])
        .filter((a) => !a.archived)
        .map((a) => a.name),
    );
  const names = attributeNames();
  const addAttribute = await ticketTypeAttributeWrites(ctx, type.id);
  let created = false;
  if (!names.has(FERRY_SOURCE_ID)) {
    await addAttribute(sourceIdTicketTypeAttribute());
    created = true;
  }
  if (settings.options.createMissingAttributes && !names.has(SOURCE_STATUS)) {
    await addAttribute(sourceStatusTicketTypeAttribute(ctx.platform));
    created = true;
  }
  if (settings.options.createMissingAttributes) {
    for (const m of settings.mappings.fields.filter(
      (f) => f.scope === 'ticket' && f.create && !names.has(f.attribute),
    )) {
      const def = fieldOf('ticket', m.key);
      if (!def) continue;
      const body = toTicketTypeAttributeCreate(def, m.attribute, ctx.platform);
      if (body.kind === 'skipped') notes.push(`ticket attribute ${m.attribute} not created: ${body.reason}`);
      else {
        await addAttribute(body.body);
        created = true;
      }
    }
  }
  const reread = async () =>
    (type = (await intercom.listTicketTypes()).find((t) => t.id === type!.id) ?? type);
  // Created attributes are read back: their list options get their ids only from Intercom.
  if (created) await reread();
  if (await addMissingListOptions(ctx, type, fieldOf, notes)) await reread();
  const sourceAttribute = (type.ticket_type_attributes?.ticket_type_attributes ?? []).find(
    (a) => a.name === FERRY_SOURCE_ID,
  );
  const embedded = type.ticket_states?.data ?? [];
  const states = embedded.length > 0 ? embedded : await intercom.listTicketStates();
  return {
    ticketType: {
      id: type.id,
      states: states
        .filter((s): s is typeof s & { category: TicketStateCategory } =>
          (CATEGORIES as readonly string[]).includes(s.category),
        )
        .map((s) => ({
          id: s.id,
          category: s.category,
          label: s.internal_label ?? s.external_label ?? s.category,
        })),
      listItemIds: listItemIds(type.ticket_type_attributes?.ticket_type_attributes ?? [], notes),
      statusAttribute: (type.ticket_type_attributes?.ticket_type_attributes ?? []).some(
        (a) => a.name === SOURCE_STATUS && !a.archived,
      )
        ? SOURCE_STATUS
        : null,
    },
    sourceAttributeId: sourceAttribute?.id ?? null,
  };
}

/**
 * Conversations carry ferry_source_id as a conversation attribute, and the mapped ticket fields as theirs:
 * created when missing (the mapped ones when the settings allow). 2.16 lists and creates them under
 * /conversations/attributes; GET /data_attributes?model=conversation answers 422 there.
 */
async function ensureConversationAttributes(
  ctx: StageContext,
  fieldOf: (scope: FieldDefinition['scope'], key: string) => FieldDefinition | undefined,
  notes: string[],
): Promise<void> {
  const { intercom, settings } = ctx;
  const existing = new Set(
    (await intercom.listConversationAttributes()).filter((a) => !a.archived).map((a) => a.name),
  );
  // 2.16 POST /conversations/attributes (create_conversation_attribute_string_request).
  const record = async (created: { id: string; name: string }) =>
    recordCreated(ctx.db, ctx.migration.id, ctx.run.id, {
      kind: 'conversation_attributes',
      targetId: created.id,
      name: created.name,
    });
  if (!existing.has(FERRY_SOURCE_ID))
    await record(await intercom.createConversationAttribute(sourceIdConversationAttribute()));
  if (!settings.options.createMissingAttributes) return;
  for (const m of settings.mappings.fields.filter((f) => f.scope === 'ticket' && f.create)) {
    const def = fieldOf('ticket', m.key);
    if (!def || existing.has(m.attribute)) continue;
    const body = toConversationAttributeCreate(def, m.attribute, ctx.platform);
    if (body.kind === 'skipped')
      notes.push(`conversation attribute ${m.attribute} not created: ${body.reason}`);
    else await record(await intercom.createConversationAttribute(body.body));
    existing.add(m.attribute);
  }
}
