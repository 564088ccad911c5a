// The operators of a migration: who may change it. The installing admin is always one and adds the others
// (DESIGN.md: the canvas's admin object carries no role, so Ferry keeps its own list).
import type { Knex } from 'knex';
import * as migrations from '../../db/repositories/migrations.js';
import type { ConsoleActor } from './access.js';
import type { Logger } from '../../logger.js';
import type { IntercomAdmin } from '../../transform/reference.js';
import type { IntercomDirectoryPort } from '../wizard/ports.js';
import { workspaceRecord } from './catalog.js';
import { FieldErrors, RefusedError } from './field-errors.js';

export interface OperatorView {
  adminId: string;
  addedBy: string | null;
  installer: boolean;
}

export async function listOperators(db: Knex, actor: ConsoleActor): Promise<OperatorView[]> {
  const installer = actor.workspace.installed_by_admin_id;
  const rows = actor.migration
    ? await migrations.listOperators(db, actor.workspace.id, actor.migration.id)
    : [];
  const out: OperatorView[] = installer ? [{ adminId: installer, addedBy: null, installer: true }] : [];
  for (const r of rows)
    if (r.admin_id !== installer) out.push({ adminId: r.admin_id, addedBy: r.added_by, installer: false });
  return out;
}

/**
 * The workspace's teammates by name, to choose operators from; empty when Intercom cannot be read now (the
 * page then asks for an admin id instead of failing).
 */
export async function teammatesOf(
  deps: { directory: IntercomDirectoryPort; logger: Logger },
  actor: ConsoleActor,
): Promise<IntercomAdmin[]> {
  try {
    return (await deps.directory.directory(workspaceRecord(actor))).admins;
  } catch (error) {
    deps.logger.warn({ err: error }, 'console: teammates could not be listed');
    return [];
  }
}

function requireInstaller(actor: ConsoleActor) {
  if (actor.workspace.installed_by_admin_id !== actor.adminId)
    throw new RefusedError({ key: 'refused.installer_only' });
  if (!actor.migration) throw new RefusedError({ key: 'refused.no_migration' });
  return actor.migration;
}

/** Intercom admin ids are digits (GET /admins); anything else is refused at the field. */
export async function addOperator(
  db: Knex,
  actor: ConsoleActor,
  form: Record<string, unknown>,
): Promise<void> {
  const migration = requireInstaller(actor);
  const adminId = typeof form.adminId === 'string' ? form.adminId.trim() : '';
  const errors = new FieldErrors();
  if (!/^\d{1,20}$/.test(adminId)) errors.add('adminId', 'refused.admin_id');
  errors.throwIfAny();
  await migrations.addOperator(db, actor.workspace.id, migration.id, adminId, actor.adminId);
}

export async function removeOperator(db: Knex, actor: ConsoleActor, adminId: string): Promise<void> {
  const migration = requireInstaller(actor);
  await migrations.removeOperator(db, actor.workspace.id, migration.id, adminId);
}
