// The wizard's reads and writes, every one scoped by Ferry's workspace id (taken from the signed request):
// a migration id from anywhere else finds nothing.
import type { Knex } from 'knex';
import { parseLocale, type Locale } from '../../../canvas/i18n/index.js';
import * as preferences from '../../db/repositories/admin-preferences.js';
import * as migrations from '../../db/repositories/migrations.js';
import * as workspaces from '../../db/repositories/workspaces.js';
import type { Platform } from '../../model/canonical.js';
import { parseSettings, type MigrationSettings } from '../../settings/settings.js';
import { getRunStatus, type RunStatusView } from '../runs.js';
import { parseProgress, type RunFacts, type WizardProgress } from './progress.js';

export type MigrationRow = migrations.MigrationRow;

export interface Scoped {
  knex: Knex;
  workspaceId: string;
  migrationId: string;
}

/**
 * The language a teammate sees: their own choice (admin_preferences) wins; else the workspace's Messenger
 * language, which 2.11 sends on every Canvas Kit request as context.locale; else the stored workspace
 * locale; else English.
 */
export async function localeOf(
  knex: Knex,
  workspaceId: string,
  adminId: string,
  contextLocale: string | undefined,
): Promise<{ locale: Locale; chosen: Locale | null }> {
  const own = await preferences.getLocale(knex, workspaceId, adminId);
  const chosen = own ? parseLocale(own) : null;
  if (chosen) return { locale: chosen, chosen };
  if (contextLocale) return { locale: parseLocale(contextLocale), chosen: null };
  return { locale: parseLocale((await workspaces.getById(knex, workspaceId))?.locale), chosen: null };
}

/** Saves a teammate's own language ('auto': follow the workspace's again). */
export async function chooseLocale(
  knex: Knex,
  workspaceId: string,
  adminId: string,
  value: Locale | 'auto',
): Promise<void> {
  await preferences.setLocale(knex, workspaceId, adminId, value === 'auto' ? null : value);
}

/** The workspace's name as Intercom gave it at install (null when unknown). */
export async function workspaceName(s: Scoped): Promise<string | null> {
  return (await workspaces.getById(s.knex, s.workspaceId))?.name ?? null;
}

export async function loadMigration(s: Scoped): Promise<MigrationRow | undefined> {
  return migrations.get(s.knex, s.workspaceId, s.migrationId);
}

export const progressOf = (m: MigrationRow): WizardProgress => parseProgress(m.checklist);
export const settingsOf = (m: MigrationRow): MigrationSettings => parseSettings(m.settings);

export async function saveProgress(s: Scoped, progress: WizardProgress): Promise<void> {
  await migrations.updateChecklist(s.knex, s.workspaceId, s.migrationId, progress);
}

/** Validates with the settings schema (throws InputError naming the field) and saves. */
export async function saveSettings(s: Scoped, settings: unknown): Promise<MigrationSettings> {
  const parsed = parseSettings(settings);
  await migrations.updateSettings(s.knex, s.workspaceId, s.migrationId, parsed);
  return parsed;
}

/** Saves the account; another platform than before drops the saved secret (it belongs to the other one). */
export async function saveSource(
  s: Scoped,
  m: MigrationRow,
  platform: Platform,
  account: string,
): Promise<void> {
  const samePlatform = m.source_platform === platform;
  await s
    .knex('migrations')
    .where({ id: s.migrationId, workspace_id: s.workspaceId })
    .update({
      source_platform: platform,
      source_account: account,
      ...(samePlatform ? {} : { source_credentials_enc: null }),
      updated_at: s.knex.fn.now(),
    });
}

/**
 * Records a successful connection test (the canvas's Test connection or the console's credentials form), so
 * that the panel shows "connected" with the counts on its next refresh without asking again.
 */
export async function saveConnection(
  s: Scoped,
  result: {
    account: string;
    user: string;
    available: Record<string, unknown>;
    estimated?: readonly string[];
  },
): Promise<void> {
  const m = await loadMigration(s);
  if (!m) return;
  const available = Object.fromEntries(
    Object.entries(result.available).map(([k, v]) => [k, typeof v === 'number' ? v : null]),
  );
  await saveProgress(s, {
    ...progressOf(m),
    source: {
      account: result.account,
      user: result.user,
      available,
      estimated: [...(result.estimated ?? [])],
      checkedAt: new Date().toISOString(),
    },
  });
}

/** The migration's operators: the admin who installed Ferry, then those added in the console. */
export async function operatorIds(s: Scoped | null, installer: string | null): Promise<string[]> {
  const added = s ? await migrations.listOperators(s.knex, s.workspaceId, s.migrationId) : [];
  return [...new Set([...(installer ? [installer] : []), ...added.map((o) => o.admin_id)])];
}

export async function runFacts(s: Scoped): Promise<RunFacts> {
  const done = await s
    .knex('runs')
    .where({ migration_id: s.migrationId, status: 'completed' })
    .distinct<{ kind: string }[]>('kind');
  const kinds = new Set(done.map((r) => r.kind));
  return { demoDone: kinds.has('demo'), fullDone: kinds.has('full') };
}

/** The latest run of those kinds, with its per-entity counters. */
export async function latestRunOf(s: Scoped, kinds: readonly string[]): Promise<RunStatusView | null> {
  const row = await s
    .knex('runs')
    .where({ migration_id: s.migrationId })
    .whereIn('kind', kinds)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first<{ id: string } | undefined>('id');
  return row ? getRunStatus(s.knex, row.id) : null;
}

/** The migration moved a help center: its old-URL → new-URL map (kb_url_map) has rows. */
export async function hasUrlMap(s: Scoped): Promise<boolean> {
  return (await s.knex('kb_url_map').where({ migration_id: s.migrationId }).first('id')) !== undefined;
}
