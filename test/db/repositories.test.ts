import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as migrations from '../../src/db/repositories/migrations.js';
import * as runs from '../../src/db/repositories/runs.js';
import * as workspaces from '../../src/db/repositories/workspaces.js';
import { createMigratedTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedTestDatabase();
});
afterAll(() => db.drop());

async function installed(intercomId: string) {
  return workspaces.upsertInstalled(db.knex, {
    intercom_workspace_id: intercomId,
    region: 'eu',
    access_token_enc: `v1:enc-${intercomId}`,
    installed_by_admin_id: 'admin-1',
  });
}

describe('workspaces repository', () => {
  it('when a workspace installs, uninstalls and installs again, then one row holds the new token and the token was wiped in between', async () => {
    const first = await installed('ws-reinstall');
    expect(first).toMatchObject({
      region: 'eu',
      access_token_enc: 'v1:enc-ws-reinstall',
      uninstalled_at: null,
    });
    expect(first.installed_at).toBeInstanceOf(Date);

    const gone = await workspaces.markUninstalled(db.knex, 'ws-reinstall');
    expect(gone?.access_token_enc).toBeNull();
    expect(gone?.uninstalled_at).toBeInstanceOf(Date);

    const again = await workspaces.upsertInstalled(db.knex, {
      intercom_workspace_id: 'ws-reinstall',
      region: 'eu',
      access_token_enc: 'v1:new',
    });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({
      access_token_enc: 'v1:new',
      uninstalled_at: null,
      installed_by_admin_id: 'admin-1',
    });
    expect((await workspaces.getByIntercomId(db.knex, 'ws-reinstall'))?.id).toBe(first.id);
    expect(await workspaces.getByIntercomId(db.knex, 'ws-unknown')).toBeUndefined();
  });
});

describe('migrations repository', () => {
  it('when workspace B asks for workspace A’s migration, then it finds nothing and can change nothing', async () => {
    const a = await installed('ws-a');
    const b = await installed('ws-b');
    const m = await migrations.create(db.knex, {
      workspace_id: a.id,
      name: 'Zendesk',
      source_platform: 'zendesk',
    });

    expect((await migrations.get(db.knex, a.id, m.id))?.name).toBe('Zendesk');
    expect(await migrations.get(db.knex, b.id, m.id)).toBeUndefined();
    expect(await migrations.listForWorkspace(db.knex, b.id)).toEqual([]);
    expect(await migrations.updateSettings(db.knex, b.id, m.id, { hacked: true })).toBeUndefined();
    expect(await migrations.updateStatus(db.knex, b.id, m.id, 'cancelled')).toBeUndefined();
    expect(await migrations.addOperator(db.knex, b.id, m.id, 'intruder', 'intruder')).toBe(false);
    expect(await migrations.isOperator(db.knex, b.id, m.id, 'intruder')).toBe(false);
    expect(await migrations.listOperators(db.knex, a.id, m.id)).toEqual([]);
    expect(await migrations.get(db.knex, a.id, 'not-a-uuid')).toBeUndefined();

    const unchanged = await migrations.get(db.knex, a.id, m.id);
    expect(unchanged).toMatchObject({ settings: {}, status: 'draft' });
  });

  it('when settings, checklist, status and operators change, then they read back parsed', async () => {
    const ws = await installed('ws-settings');
    const m = await migrations.create(db.knex, {
      workspace_id: ws.id,
      name: 'Freshdesk',
      source_platform: 'freshdesk',
      source_account: 'acme',
      source_credentials_enc: 'v1:x',
      settings: { entities: ['tickets', 'contacts'] },
    });
    await migrations.updateSettings(db.knex, ws.id, m.id, {
      entities: ['tickets'],
      filters: { from: '2024-01-01' },
    });
    await migrations.updateChecklist(db.knex, ws.id, m.id, {
      notifications_off: { checked: true, by: 'admin' },
    });
    await migrations.updateStatus(db.knex, ws.id, m.id, 'ready');
    expect(await migrations.addOperator(db.knex, ws.id, m.id, 'admin-1', null)).toBe(true);
    expect(await migrations.addOperator(db.knex, ws.id, m.id, 'admin-1', null)).toBe(true); // twice is harmless
    expect(await migrations.addOperator(db.knex, ws.id, m.id, 'admin-2', 'admin-1')).toBe(true);

    const row = await migrations.get(db.knex, ws.id, m.id);
    expect(row).toMatchObject({
      settings: { entities: ['tickets'], filters: { from: '2024-01-01' } },
      checklist: { notifications_off: { checked: true, by: 'admin' } },
      status: 'ready',
    });
    expect((await migrations.listOperators(db.knex, ws.id, m.id)).map((o) => o.admin_id)).toEqual([
      'admin-1',
      'admin-2',
    ]);
    expect(await migrations.isOperator(db.knex, ws.id, m.id, 'admin-2')).toBe(true);
    expect(await migrations.removeOperator(db.knex, ws.id, m.id, 'admin-2')).toBe(true);
    expect(await migrations.isOperator(db.knex, ws.id, m.id, 'admin-2')).toBe(false);

    const wipedAt = new Date('2026-12-10T09:00:00Z');
    const archived = await migrations.archive(db.knex, ws.id, m.id, wipedAt);
    expect(archived).toMatchObject({
      status: 'archived',
      source_credentials_enc: null,
      source_account: 'acme',
      wiped_at: wipedAt,
    });
  });
});

describe('runs repository', () => {
  it('when a run starts, checkpoints pages, counts and finishes, then each step is recorded', async () => {
    const ws = await installed('ws-runs');
    const m = await migrations.create(db.knex, {
      workspace_id: ws.id,
      name: 'Runs',
      source_platform: 'zendesk',
    });
    const watermark = new Date('2026-01-02T03:04:05Z');
    const demo = await runs.create(db.knex, { migration_id: m.id, kind: 'demo', watermark });
    expect(demo).toMatchObject({ status: 'planned', cursors: {}, counters: {}, started_at: null });
    expect(demo.watermark?.toISOString()).toBe(watermark.toISOString());

    const running = await runs.updateStatus(db.knex, m.id, demo.id, 'running');
    expect(running?.started_at).toBeInstanceOf(Date);
    await runs.setStage(db.knex, m.id, demo.id, 'tickets');
    await db.knex.transaction(async (trx) => {
      await runs.checkpoint(trx, m.id, demo.id, 'tickets', { cursor: 'abc', page: 2 });
      await runs.checkpoint(trx, m.id, demo.id, 'users', ['list', 'cursor']);
    });
    await runs.checkpoint(db.knex, m.id, demo.id, 'tickets', { cursor: 'def', page: 3 });
    await Promise.all([
      runs.addToCounters(db.knex, m.id, demo.id, 'tickets', { migrated: 2, available: 100 }),
      runs.addToCounters(db.knex, m.id, demo.id, 'tickets', { failed: 1 }),
      runs.addToCounters(db.knex, m.id, demo.id, 'tickets', { migrated: 3, skipped: 1 }),
    ]);
    const done = await runs.updateStatus(db.knex, m.id, demo.id, 'completed');
    expect(done).toMatchObject({
      status: 'completed',
      stage: 'tickets',
      cursors: { tickets: { cursor: 'def', page: 3 }, users: ['list', 'cursor'] },
      counters: { tickets: { available: 100, migrated: 5, failed: 1, skipped: 1 } },
    });
    expect(done?.finished_at).toBeInstanceOf(Date);

    const full = await runs.create(db.knex, { migration_id: m.id, kind: 'full' });
    expect((await runs.latestForMigration(db.knex, m.id))?.id).toBe(full.id);
    expect((await runs.latestForMigration(db.knex, m.id, 'demo'))?.id).toBe(demo.id);
    expect(await runs.get(db.knex, m.id, demo.id)).toMatchObject({ id: demo.id });
    const other = await migrations.create(db.knex, {
      workspace_id: ws.id,
      name: 'Other',
      source_platform: 'zendesk',
    });
    expect(await runs.get(db.knex, other.id, demo.id)).toBeUndefined();
    expect(await runs.countByStatus(db.knex, m.id)).toEqual({ completed: 1, planned: 1 });
  });
});
