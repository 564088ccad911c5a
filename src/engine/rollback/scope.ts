// What a rollback touches (issue 15 §1): the Intercom objects Ferry created in a migration (in one run, or in
// any), in reverse dependency order, and the objects it only matched (kept, and reported). A ledger row says
// whether Ferry created its object (created_by_ferry, decided at write time); tags, attributes and the ticket
// type Ferry created are in created_objects.
import type { Knex } from 'knex';
import type { DeletableKind } from '../../intercom/client.js';
import type { CreatedKind } from '../created-objects.js';

/** One step of a rollback: ledger records deleted (what Ferry only matched kept), created objects deleted or
 * archived. */
export type RollbackStep =
  | { entity: string; from: 'ledger'; kind: DeletableKind }
  | { entity: CreatedKind; from: 'created'; action: 'delete' | 'archive' };

/** Reverse dependency order: articles, then collections; tickets; Ferry's tags; contacts, then companies;
 * attributes and the ticket type last (archived: 2.16 cannot delete them; ./archive.ts). */
export function rollbackSteps(target: 'tickets' | 'conversations'): RollbackStep[] {
  return [
    { entity: 'articles', from: 'ledger', kind: 'article' },
    { entity: 'collections', from: 'ledger', kind: 'collection' },
    { entity: 'tickets', from: 'ledger', kind: target === 'conversations' ? 'conversation' : 'ticket' },
    { entity: 'tags', from: 'created', action: 'delete' },
    { entity: 'contacts', from: 'ledger', kind: 'contact' },
    { entity: 'companies', from: 'ledger', kind: 'company' },
    { entity: 'contact_attributes', from: 'created', action: 'archive' },
    { entity: 'company_attributes', from: 'created', action: 'archive' },
    // Renamed, then archived (2.16 has no way back): the name is free for a later run.
    { entity: 'conversation_attributes', from: 'created', action: 'archive' },
    // Those Ferry added to a ticket type that was there before, before the ticket type Ferry created.
    { entity: 'ticket_type_attributes', from: 'created', action: 'archive' },
    { entity: 'ticket_types', from: 'created', action: 'archive' },
  ];
}

/** The records a ledger step deletes: Ferry created their object (in the run, when one is named). */
export function createdRows(db: Knex, migrationId: string, entity: string, runId: string | null) {
  const q = db('ledger')
    .where({ migration_id: migrationId, entity, created_by_ferry: true })
    .whereNotNull('target_id')
    .whereNot({ status: 'pending' });
  return runId ? q.andWhere({ created_run_id: runId }) : q;
}

/** The records whose object Ferry only matched or reused (a contact with the same e-mail): never deleted. */
export function matchedRows(db: Knex, migrationId: string, entity: string, runId: string | null) {
  const q = db('ledger')
    .where({ migration_id: migrationId, entity, status: 'migrated' })
    .whereNotNull('target_id')
    .where((w) => void w.whereNull('created_by_ferry').orWhere({ created_by_ferry: false }))
    // Not a second record of an object Ferry did create (two users sharing one e-mail): that one goes.
    .whereNotIn(
      'target_id',
      db('ledger')
        .where({ migration_id: migrationId, entity, created_by_ferry: true })
        .whereNotNull('target_id')
        .select('target_id'),
    );
  return runId ? q.andWhere({ last_run_id: runId }) : q;
}

/** Writes whose outcome is unknown (a crash between the call and its answer): not deleted, reported. */
export function pendingRows(db: Knex, migrationId: string, entity: string, runId: string | null) {
  const q = db('ledger').where({ migration_id: migrationId, entity, status: 'pending' });
  return runId ? q.andWhere({ last_run_id: runId }) : q;
}

export interface RollbackPlanLine {
  entity: string;
  /** Deleted (or archived, for attributes and the ticket type). */
  remove: number;
  /** Matched or reused, or pending: left in Intercom and reported. */
  keep: number;
}

/** What a rollback would do, per entity (the confirmation shows it before anything is deleted). */
export async function planRollback(
  db: Knex,
  migrationId: string,
  runId: string | null,
  target: 'tickets' | 'conversations',
): Promise<RollbackPlanLine[]> {
  const lines: RollbackPlanLine[] = [];
  const count = async (q: Knex.QueryBuilder) => Number((await q.count({ n: '*' }).first())?.n ?? 0);
  for (const step of rollbackSteps(target)) {
    if (step.from === 'ledger') {
      const remove = await count(createdRows(db, migrationId, step.entity, runId));
      const keep =
        (await count(matchedRows(db, migrationId, step.entity, runId))) +
        (await count(pendingRows(db, migrationId, step.entity, runId)));
      lines.push({ entity: step.entity, remove, keep });
    } else {
      const q = db('created_objects').where({
        migration_id: migrationId,
        kind: step.entity,
        archived: false,
      });
      lines.push({
        entity: step.entity,
        remove: await count(runId ? q.andWhere({ run_id: runId }) : q),
        keep: 0,
      });
    }
  }
  return lines.filter((l) => l.remove + l.keep > 0);
}
