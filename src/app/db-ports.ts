// The Intercom-facing ports on the database repositories (src/db/repositories). Every read and write is
// scoped by Ferry's workspace id. Two small queries have no repository yet and live here: cancelling a
// workspace's unfinished runs on uninstall (keeping their outcomes), and storing a webhook event.
import type { Knex } from 'knex';
import type { HomeRun } from '../../canvas/screens/home.js';
import * as migrations from '../db/repositories/migrations.js';
import * as runs from '../db/repositories/runs.js';
import * as usedTokens from '../db/repositories/used-tokens.js';
import * as workspaces from '../db/repositories/workspaces.js';
import { keepOutcomes } from '../engine/run-outcomes.js';
import { parseRegion } from '../intercom/regions.js';
import {
  cancelWorkspaceWipe,
  DEFAULT_UNINSTALL_GRACE_HOURS,
  scheduleWorkspaceWipe,
} from '../jobs/tasks/retention.js';
import type {
  MigrationsPort,
  MigrationSummary,
  UsedTokensPort,
  WebhookEventsPort,
  WorkspaceRecord,
  WorkspacesPort,
} from './ports.js';

const UNFINISHED_RUNS: runs.RunStatus[] = ['planned', 'running', 'paused'];
const ACTIVE_MIGRATIONS: migrations.MigrationStatus[] = ['ready', 'demo_done', 'running', 'paused'];

const toWorkspace = (r: workspaces.WorkspaceRow): WorkspaceRecord => ({
  id: r.id,
  intercomWorkspaceId: r.intercom_workspace_id,
  region: parseRegion(r.region),
  installedByAdminId: r.installed_by_admin_id,
  accessTokenEnc: r.access_token_enc,
  uninstalledAt: r.uninstalled_at,
  timeZone: r.time_zone ?? null,
});

/**
 * `uninstallGraceHours` (FERRY_UNINSTALL_GRACE_HOURS): an uninstall schedules the wipe of all of the
 * workspace's data that long after, and a re-installation before then calls it off.
 */
export function dbWorkspaces(
  knex: Knex,
  uninstallGraceHours = DEFAULT_UNINSTALL_GRACE_HOURS,
): WorkspacesPort {
  return {
    async findByIntercomId(id) {
      const row = await workspaces.getByIntercomId(knex, id);
      return row && toWorkspace(row);
    },
    async saveInstall(i) {
      return knex.transaction(async (trx) => {
        const row = await workspaces.upsertInstalled(trx, {
          intercom_workspace_id: i.intercomWorkspaceId,
          region: i.region,
          name: i.name,
          access_token_enc: i.accessTokenEnc,
          installed_by_admin_id: i.installedByAdminId,
          ...(i.timeZone !== undefined ? { time_zone: i.timeZone } : {}),
        });
        await cancelWorkspaceWipe(trx, row.id);
        return toWorkspace(row);
      });
    },
    async uninstall(workspaceId, reason) {
      await knex.transaction(async (trx) => {
        const ws = await workspaces.getById(trx, workspaceId);
        if (!ws) return;
        const uninstalled = await workspaces.markUninstalled(trx, ws.intercom_workspace_id);
        if (uninstalled?.uninstalled_at)
          await scheduleWorkspaceWipe(trx, workspaceId, uninstalled.uninstalled_at, uninstallGraceHours);
        const ofWorkspace = trx('migrations').select('id').where({ workspace_id: workspaceId });
        const cancelled = await trx('runs')
          .whereIn('migration_id', ofWorkspace)
          .whereIn('status', UNFINISHED_RUNS)
          .update({
            status: 'cancelled',
            pause_reason: reason,
            finished_at: trx.fn.now(),
            updated_at: trx.fn.now(),
          })
          .returning<{ id: string }[]>('id');
        await keepOutcomes(
          trx,
          cancelled.map((r) => r.id),
        );
        await trx('migrations')
          .where({ workspace_id: workspaceId })
          .whereIn('status', ACTIVE_MIGRATIONS)
          .update({ status: 'cancelled', updated_at: trx.fn.now() });
      });
    },
  };
}

/** A run's counters summed over entities; total = migrated + failed + skipped (DESIGN "Counting words"). */
function runCounts(counters: runs.RunRow['counters']): HomeRun['counts'] {
  const all = Object.values(counters);
  if (all.length === 0) return undefined;
  const sum = { total: 0, migrated: 0, failed: 0, skipped: 0 };
  for (const c of all) {
    sum.migrated += c.migrated;
    sum.failed += c.failed;
    sum.skipped += c.skipped;
  }
  sum.total = sum.migrated + sum.failed + sum.skipped;
  return sum;
}

async function summarise(db: Knex, m: migrations.MigrationRow): Promise<MigrationSummary> {
  const run = await runs.latestForMigration(db, m.id);
  const counts = run && runCounts(run.counters);
  return {
    id: m.id,
    name: m.name,
    platform: m.source_platform,
    account: m.source_account,
    status: m.status,
    latestRun: run
      ? {
          kind: run.kind,
          status: run.status,
          reason: run.pause_reason ?? run.last_error,
          ...(counts ? { counts } : {}),
        }
      : null,
  };
}

export function dbMigrations(knex: Knex): MigrationsPort {
  const latestRow = async (db: Knex, workspaceId: string) =>
    (await migrations.listForWorkspace(db, workspaceId))[0];
  return {
    async latest(workspaceId) {
      const m = await latestRow(knex, workspaceId);
      return m && summarise(knex, m);
    },
    async isOperator(workspaceId, migrationId, adminId) {
      return migrations.isOperator(knex, workspaceId, migrationId, adminId);
    },
    async createDraftOnce(workspaceId, draft) {
      return knex.transaction(async (trx) => {
        // Two Start clicks racing make one draft: serialise on the workspace row.
        await trx('workspaces').where({ id: workspaceId }).forUpdate().first();
        const existing = await latestRow(trx, workspaceId);
        if (existing) return summarise(trx, existing);
        const created = await migrations.create(trx, {
          workspace_id: workspaceId,
          name: draft.name,
          source_platform: draft.platform,
        });
        await migrations.addOperator(trx, workspaceId, created.id, draft.createdBy, draft.createdBy);
        return summarise(trx, created);
      });
    },
  };
}

export function dbWebhookEvents(knex: Knex): WebhookEventsPort {
  return {
    async store(e) {
      await knex('webhook_events').insert({
        workspace_id: e.workspaceId,
        topic: e.topic,
        payload: JSON.stringify(e.payload),
      });
    },
  };
}

export function dbUsedTokens(knex: Knex): UsedTokensPort {
  return { useOnce: (kind, tokenId, expiresAt) => usedTokens.useOnce(knex, kind, tokenId, expiresAt) };
}
