// Intercom objects Ferry created that are no ledger record of their own (tags, attributes, the ticket type, the
// attributes it added to a ticket type that was there before), recorded when they are created so that a
// rollback removes exactly those (issue 15 §1). A tag or an attribute that was in the workspace before Ferry
// first wrote is never recorded, so never removed.
import type { Knex } from 'knex';
import type { IntercomClient } from '../intercom/index.js';

export const CREATED_KINDS = [
  'tags',
  'contact_attributes',
  'company_attributes',
  'conversation_attributes',
  'ticket_type_attributes',
  'ticket_types',
] as const;
export type CreatedKind = (typeof CREATED_KINDS)[number];

export interface CreatedObject {
  kind: CreatedKind;
  target_id: string;
  name: string;
  run_id: string | null;
  /** ticket_type_attributes: the ticket type's id (the attribute's address in Intercom). */
  parent_id: string | null;
}

/** Records an object Ferry created (idempotent: a second record of the same object changes nothing). */
export async function recordCreated(
  db: Knex,
  migrationId: string,
  runId: string,
  object: { kind: CreatedKind; targetId: string; name: string; parentId?: string },
): Promise<void> {
  await db('created_objects')
    .insert({
      migration_id: migrationId,
      kind: object.kind,
      target_id: object.targetId,
      name: object.name,
      run_id: runId,
      parent_id: object.parentId ?? null,
    })
    .onConflict(['migration_id', 'kind', 'target_id'])
    .ignore();
}

/** What Ferry created in this migration (in one run, or in every run), per kind; archived ones, or not. */
export async function listCreated(
  db: Knex,
  migrationId: string,
  kinds: readonly CreatedKind[],
  runId?: string | null,
  archived = false,
): Promise<CreatedObject[]> {
  const query = db('created_objects')
    .where({ migration_id: migrationId, archived })
    .whereIn('kind', [...kinds])
    .orderBy(['kind', 'name']);
  if (runId) query.andWhere({ run_id: runId });
  return query.select<CreatedObject[]>('kind', 'target_id', 'name', 'run_id', 'parent_id');
}

/** Whether Ferry created this object in this migration (archived since, or not). */
export async function isCreated(
  db: Knex,
  migrationId: string,
  kind: CreatedKind,
  targetId: string,
): Promise<boolean> {
  const row = await db('created_objects')
    .where({ migration_id: migrationId, kind, target_id: targetId })
    .first<{ kind: string } | undefined>('kind');
  return row !== undefined;
}

/** Marks an object archived by a rollback (true) or taken back out of the archive by a run (false). */
export async function markArchived(
  db: Knex,
  migrationId: string,
  kind: CreatedKind,
  targetId: string,
  archived: boolean,
  runId?: string,
): Promise<void> {
  await db('created_objects')
    .where({ migration_id: migrationId, kind, target_id: targetId })
    .update({ archived, ...(runId ? { run_id: runId } : {}) });
}

/** Forgets a deleted object: a later run that needs it creates it again and records it afresh. */
export async function forgetCreated(
  db: Knex,
  migrationId: string,
  kind: CreatedKind,
  targetId: string,
): Promise<void> {
  await db('created_objects').where({ migration_id: migrationId, kind, target_id: targetId }).delete();
}

/** Lower-case names of the tags Ferry created in this migration. */
export async function createdTagNames(db: Knex, migrationId: string): Promise<Set<string>> {
  const names = await db('created_objects')
    .where({ migration_id: migrationId, kind: 'tags' })
    .pluck<string[]>('name');
  return new Set(names.map((n) => n.toLowerCase()));
}

/**
 * The client's tag writes, recording each tag that was not in the workspace before the migration's first
 * reference stage (`preexisting`, lower-case names) as created by Ferry. POST /tags creates or finds a tag by
 * name, so its answer alone cannot tell.
 */
export function recordingTagWrites(
  intercom: Pick<IntercomClient, 'createTag' | 'tagCompany'>,
  record: { db: Knex; migrationId: string; runId: string; preexisting: readonly string[] },
): Pick<IntercomClient, 'createTag' | 'tagCompany'> {
  const before = new Set(record.preexisting);
  const recorded = new Set<string>();
  const noted = async <T extends { id: string }>(name: string, tag: T): Promise<T> => {
    if (!before.has(name.toLowerCase()) && !recorded.has(tag.id)) {
      await recordCreated(record.db, record.migrationId, record.runId, {
        kind: 'tags',
        targetId: tag.id,
        name,
      });
      recorded.add(tag.id);
    }
    return tag;
  };
  return {
    createTag: async (name) => noted(name, await intercom.createTag(name)),
    tagCompany: async (name, companyId) => noted(name, await intercom.tagCompany(name, companyId)),
  };
}
