// The Intercom-facing ports on knex. Stop-gap until the db branch's repositories (src/db/repositories) land:
// then these become thin calls into them. Every query is scoped by Ferry's workspace id.
import type { Knex } from 'knex';
import { z } from 'zod';
import type { HomeRun, MigrationStatus, PlatformId, RunStatus } from '../../canvas/screens/home.js';
import { parseRegion } from '../intercom/regions.js';
import type {
  MigrationsPort,
  MigrationSummary,
  WebhookEventsPort,
  WorkspaceRecord,
  WorkspacesPort,
} from './ports.js';

interface WorkspaceRow {
  id: string;
  intercom_workspace_id: string;
  region: string;
  installed_by_admin_id: string | null;
  access_token_enc: string | null;
  uninstalled_at: Date | null;
}

const toWorkspace = (r: WorkspaceRow): WorkspaceRecord => ({
  id: r.id,
  intercomWorkspaceId: r.intercom_workspace_id,
  region: parseRegion(r.region),
  installedByAdminId: r.installed_by_admin_id,
  accessTokenEnc: r.access_token_enc,
  uninstalledAt: r.uninstalled_at,
});

const UNFINISHED_RUNS = ['planned', 'running', 'paused'];
const ACTIVE_MIGRATIONS = ['ready', 'running', 'paused'];

export function knexWorkspaces(knex: Knex): WorkspacesPort {
  return {
    async findByIntercomId(intercomWorkspaceId) {
      const row = await knex<WorkspaceRow>('workspaces')
        .where({ intercom_workspace_id: intercomWorkspaceId })
        .first();
      return row && toWorkspace(row);
    },
    async saveInstall(i) {
      const values = {
        intercom_workspace_id: i.intercomWorkspaceId,
        region: i.region,
        name: i.name,
        access_token_enc: i.accessTokenEnc,
        installed_by_admin_id: i.installedByAdminId,
        installed_at: knex.fn.now(),
        uninstalled_at: null,
        updated_at: knex.fn.now(),
      };
      const [row] = await knex('workspaces')
        .insert(values)
        .onConflict('intercom_workspace_id')
        .merge()
        .returning<WorkspaceRow[]>('*');
      return toWorkspace(row!);
    },
    async uninstall(workspaceId, reason) {
      await knex.transaction(async (trx) => {
        await trx('workspaces')
          .where({ id: workspaceId })
          .update({ uninstalled_at: trx.fn.now(), access_token_enc: null, updated_at: trx.fn.now() });
        const migrationIds = trx('migrations').select('id').where({ workspace_id: workspaceId });
        await trx('runs').whereIn('migration_id', migrationIds).whereIn('status', UNFINISHED_RUNS).update({
          status: 'cancelled',
          pause_reason: reason,
          finished_at: trx.fn.now(),
          updated_at: trx.fn.now(),
        });
        await trx('migrations')
          .where({ workspace_id: workspaceId })
          .whereIn('status', ACTIVE_MIGRATIONS)
          .update({ status: 'cancelled', updated_at: trx.fn.now() });
      });
    },
  };
}

const counts = z.object({ total: z.number(), migrated: z.number(), failed: z.number(), skipped: z.number() });

/** Sums the per-entity counters of a run (runs.counters: entity -> { available, total, migrated, ... }). */
function runCounts(counters: unknown): HomeRun['counts'] {
  const parsed = z.record(z.string(), counts.partial()).safeParse(counters);
  if (!parsed.success || Object.keys(parsed.data).length === 0) return undefined;
  const sum = { total: 0, migrated: 0, failed: 0, skipped: 0 };
  for (const c of Object.values(parsed.data)) {
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += c[k] ?? 0;
  }
  return sum;
}

interface MigrationRow {
  id: string;
  name: string;
  source_platform: PlatformId;
  source_account: string | null;
  status: MigrationStatus;
}
interface RunRow {
  kind: HomeRun['kind'];
  status: RunStatus;
  pause_reason: string | null;
  last_error: string | null;
  counters: unknown;
}

async function summarise(knex: Knex, m: MigrationRow): Promise<MigrationSummary> {
  const run: RunRow | undefined = await knex('runs')
    .where({ migration_id: m.id })
    .orderBy('created_at', 'desc')
    .first();
  const c = run && runCounts(run.counters);
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
          ...(c ? { counts: c } : {}),
        }
      : null,
  };
}

export function knexMigrations(knex: Knex): MigrationsPort {
  const latestRow = (workspaceId: string, db: Knex = knex): Promise<MigrationRow | undefined> =>
    db('migrations').where({ workspace_id: workspaceId }).orderBy('created_at', 'desc').first();
  return {
    async latest(workspaceId) {
      const m = await latestRow(workspaceId);
      return m && summarise(knex, m);
    },
    async isOperator(migrationId, adminId) {
      const row = await knex('migration_operators')
        .where({ migration_id: migrationId, admin_id: adminId })
        .first();
      return row !== undefined;
    },
    async createDraftOnce(workspaceId, draft) {
      return knex.transaction(async (trx) => {
        // One draft per workspace even when two Start clicks race: serialise on the workspace row.
        await trx('workspaces').where({ id: workspaceId }).forUpdate().first();
        const existing = await latestRow(workspaceId, trx);
        if (existing) return summarise(trx, existing);
        const [row] = await trx('migrations')
          .insert({
            workspace_id: workspaceId,
            name: draft.name,
            source_platform: draft.platform,
            status: 'draft',
          })
          .returning<MigrationRow[]>('*');
        await trx('migration_operators').insert({
          migration_id: row!.id,
          admin_id: draft.createdBy,
          added_by: draft.createdBy,
        });
        return summarise(trx, row!);
      });
    },
  };
}

export function knexWebhookEvents(knex: Knex): WebhookEventsPort {
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
