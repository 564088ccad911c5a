// Retention (issue 15 §2) against a real full run and delta (emulators, real PostgreSQL): the wipe is scheduled
// FERRY_RETENTION_DAYS after the last full or delta run completed, moves with a later run and with an
// operator's postponement, wipes exactly the source credentials, the staged payloads and comments and the
// stored attachment files, and keeps the ledger, the run outcomes and the reports. An uninstall wipes all of
// the workspace's data after its grace period unless Ferry is installed again first. Time is the tests' own:
// the use cases take `now`, so nothing sleeps until a date.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, silent, type EngineHarness } from './harness.js';
import { wipeMigrationWhenDue, wipeWorkspaceWhenDue } from '../../src/app/retention-wipe.js';
import { afterReconnect, postponeRetention, retentionState } from '../../src/app/retention.js';
import { dbWorkspaces } from '../../src/app/db-ports.js';
import { startRun } from '../../src/app/runs.js';
import * as migrations from '../../src/db/repositories/migrations.js';
import { createRunner } from '../../src/jobs/runner/index.js';
import {
  configureRetentionTasks,
  retentionTasks,
  scheduleRetention,
} from '../../src/jobs/tasks/retention.js';
import { writeReports } from '../../src/report/index.js';
import { waitFor } from '../jobs/support.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('retention of a migration’s source data', () => {
  let h: EngineHarness;
  let migrationId: string;
  let otherId: string;
  let workspaceId: string;
  let reportsDir: string;

  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20 });
    await h.startRunner();
    migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      // From ticket 9 on: the 600-comment ticket (index 7) only slows this test down.
      filters: { createdFrom: h.account.ticket(8).createdAt },
    });
    otherId = await h.newMigration({ entities: ['companies'] });
    workspaceId = (await h.db.knex('migrations').where({ id: migrationId }).first<{ workspace_id: string }>())
      .workspace_id;
    reportsDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-retention-'));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    if (reportsDir) await rm(reportsDir, { recursive: true, force: true });
  });

  const migration = async (id = migrationId) => (await migrations.get(h.db.knex, workspaceId, id))!;
  const jobsOf = (id: string) =>
    h.db
      .knex('graphile_worker.jobs')
      .where({ key: `retention:${id}` })
      .select<{ run_at: Date; task_identifier: string }[]>('run_at', 'task_identifier');
  const finishedAt = async (runId: string) =>
    (await h.db.knex('runs').where({ id: runId }).first<{ finished_at: Date }>()).finished_at;
  const countOf = async (table: string, where: (q: ReturnType<typeof h.db.knex>) => unknown) => {
    const q = h.db.knex(table);
    where(q);
    const [row] = await q.count<{ n: string }[]>({ n: '*' });
    return Number(row!.n);
  };
  const runsOf = (id: string) => h.db.knex('runs').select('id').where({ migration_id: id });
  const reportsOf = async (runId: string, dir: string) => {
    await writeReports(h.db.knex, runId, dir);
    const files = (await readdir(dir)).sort();
    return Object.fromEntries(
      await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')])),
    );
  };

  it(
    'when a full run completes, then the wipe is scheduled N days after it, and a later delta schedules it again N days after the delta',
    { timeout: 120_000 },
    async () => {
      const full = await h.run(migrationId, 'full', 100_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      const fullDone = await finishedAt(full.runId);
      expect((await migration()).archive_at).toEqual(new Date(fullDone.getTime() + 5 * DAY));
      expect(await jobsOf(migrationId)).toEqual([
        { run_at: new Date(fullDone.getTime() + 5 * DAY), task_identifier: 'migration.retention' },
      ]);

      h.deps.retentionDays = 6; // FERRY_RETENTION_DAYS=6 from here on
      const delta = await h.run(migrationId, 'delta', 100_000);
      expect(delta.status, delta.lastError ?? '').toBe('completed');
      const deltaDone = await finishedAt(delta.runId);
      expect((await migration()).archive_at).toEqual(new Date(deltaDone.getTime() + 6 * DAY));
      // One job per migration: the later date replaced the waiting job.
      expect(await jobsOf(migrationId)).toEqual([
        { run_at: new Date(deltaDone.getTime() + 6 * DAY), task_identifier: 'migration.retention' },
      ]);
      expect(retentionState(await migration())).toEqual({
        kind: 'kept',
        until: new Date(deltaDone.getTime() + 6 * DAY),
      });
      // A demo schedules nothing: the other migration has no date.
      expect((await migration(otherId)).archive_at).toBeNull();
    },
  );

  it('when an operator postpones the wipe, then its date and its job move N days later and the old date wipes nothing', async () => {
    const before = (await migration()).archive_at!;
    const moved = await postponeRetention(h.db.knex, { workspaceId, migrationId }, 7);
    expect(moved).toEqual(new Date(before.getTime() + 7 * DAY));
    expect((await migration()).archive_at).toEqual(moved);
    expect((await jobsOf(migrationId)).map((j) => j.run_at)).toEqual([moved]);
    // The old job, had it run at the old date, waits for the new one.
    expect(await wipeMigrationWhenDue(h.db.knex, migrationId, before)).toEqual({ kind: 'later', at: moved });
    await expect(postponeRetention(h.db.knex, { workspaceId: otherId, migrationId }, 7)).rejects.toThrow(
      'No such migration',
    );
  });

  it('when the wipe comes due, then exactly the credentials, staged payloads and comments and stored files go, and the ledger, outcomes and reports stay', async () => {
    const m = await migration();
    const [lastRun] = await h.db
      .knex('runs')
      .where({ migration_id: migrationId })
      .orderBy('created_at', 'desc');
    const [otherRun] = await h.db
      .knex('runs')
      .insert({ migration_id: otherId, kind: 'demo', status: 'completed' })
      .returning<{ id: string }[]>('id');
    // What a run leaves behind when it does not finish (a completed one clears its staging and files itself),
    // for this migration and for another one that must keep everything.
    for (const [mid, runId] of [
      [migrationId, lastRun.id as string],
      [otherId, otherRun!.id],
    ] as const) {
      await h.db.knex('migrations').where({ id: mid }).update({ source_credentials_enc: 'v2:sealed-secret' });
      await h.db
        .knex('run_records')
        .insert({ run_id: runId, entity: 'tickets', source_id: '1', payload: '{}' });
      await h.db.knex('staged_comment_events').insert({
        run_id: runId,
        ticket_source_id: '1',
        comment_source_id: '11',
        created_at: new Date(),
        payload: '{}',
      });
      await h.db.knex('attachment_files').insert({
        migration_id: mid,
        run_id: runId,
        source_id: 'a1',
        file_name: 'invoice.pdf',
        content_type: 'application/pdf',
        size: 3,
        bytes: Buffer.from('pdf'),
      });
    }
    const ledger = await h.db.knex('ledger').where({ migration_id: migrationId }).orderBy('id');
    const outcomes = await h.db
      .knex('run_outcomes')
      .whereIn('run_id', runsOf(migrationId))
      .orderBy(['run_id', 'ledger_id']);
    const runs = await h.db.knex('runs').where({ migration_id: migrationId }).orderBy('created_at');
    const reports = await reportsOf(lastRun.id as string, path.join(reportsDir, 'before'));
    expect(ledger.length).toBeGreaterThan(0);
    expect(outcomes.length).toBeGreaterThan(0);

    // A second before the date: nothing happens.
    const due = m.archive_at!;
    expect(await wipeMigrationWhenDue(h.db.knex, migrationId, new Date(due.getTime() - 1000))).toEqual({
      kind: 'later',
      at: due,
    });
    expect((await migration()).source_credentials_enc).toBe('v2:sealed-secret');

    const outcome = await wipeMigrationWhenDue(h.db.knex, migrationId, due);
    expect(outcome).toEqual({
      kind: 'wiped',
      wiped: { credentials: true, stagedRecords: 1, stagedComments: 1, attachmentFiles: 1 },
      cancelledRuns: [],
    });
    const after = await migration();
    expect(after).toMatchObject({ status: 'archived', source_credentials_enc: null, wiped_at: due });
    expect(retentionState(after)).toEqual({ kind: 'wiped', on: due });
    expect(await countOf('run_records', (q) => q.whereIn('run_id', runsOf(migrationId)))).toBe(0);
    expect(await countOf('staged_comment_events', (q) => q.whereIn('run_id', runsOf(migrationId)))).toBe(0);
    expect(await countOf('attachment_files', (q) => q.where({ migration_id: migrationId }))).toBe(0);
    // Kept: the ledger's ids, the runs with their outcomes, and the reports, unchanged.
    expect(await h.db.knex('ledger').where({ migration_id: migrationId }).orderBy('id')).toEqual(ledger);
    expect(
      await h.db.knex('run_outcomes').whereIn('run_id', runsOf(migrationId)).orderBy(['run_id', 'ledger_id']),
    ).toEqual(outcomes);
    expect(
      (await h.db.knex('runs').where({ migration_id: migrationId }).orderBy('created_at')).map((r) => ({
        ...r,
        updated_at: null,
      })),
    ).toEqual(runs.map((r) => ({ ...r, updated_at: null })));
    expect(await reportsOf(lastRun.id as string, path.join(reportsDir, 'after'))).toEqual(reports);
    // The other migration keeps everything.
    expect((await migration(otherId)).source_credentials_enc).toBe('v2:sealed-secret');
    expect(await countOf('run_records', (q) => q.where({ run_id: otherRun!.id }))).toBe(1);
    expect(await countOf('staged_comment_events', (q) => q.where({ run_id: otherRun!.id }))).toBe(1);
    expect(await countOf('attachment_files', (q) => q.where({ migration_id: otherId }))).toBe(1);
    // Done once: the same job again changes nothing.
    expect(await wipeMigrationWhenDue(h.db.knex, migrationId, new Date(due.getTime() + DAY))).toEqual({
      kind: 'none',
    });
  });

  it('when a delta is asked for after the wipe, then it is refused with what was wiped and what to do; a reconnect allows it again, for one more period', async () => {
    const wipedOn = (await migration()).wiped_at!.toISOString().slice(0, 10);
    await expect(startRun(h.db.knex, migrationId, 'delta')).rejects.toThrow(
      `The source credentials and staged source data of this migration were wiped on ${wipedOn} (retention); the ledger and reports are kept. Reconnect the help desk (enter its credentials again in the console), then start the run.`,
    );
    expect(
      await h.db.knex('runs').where({ migration_id: migrationId }).whereIn('status', ['running', 'planned']),
    ).toEqual([]);
    await expect(postponeRetention(h.db.knex, { workspaceId, migrationId })).rejects.toThrow('already wiped');

    // Reconnected: the credentials are stored again and kept for one retention period from now.
    const now = new Date('2031-01-01T00:00:00Z');
    await h.db
      .knex('migrations')
      .where({ id: migrationId })
      .update({ source_credentials_enc: 'v2:new-secret' });
    await afterReconnect(h.db.knex, migrationId, now, 5);
    expect(retentionState(await migration())).toEqual({
      kind: 'kept',
      until: new Date(now.getTime() + 5 * DAY),
    });
    expect((await jobsOf(migrationId)).map((j) => j.run_at)).toEqual([new Date(now.getTime() + 5 * DAY)]);
    const outcome = await wipeMigrationWhenDue(h.db.knex, migrationId, new Date(now.getTime() + 5 * DAY));
    expect(outcome).toMatchObject({ kind: 'wiped', wiped: { credentials: true } });
  });

  it('when the job comes due in a worker, then the worker wipes with the clock it is given', async () => {
    await h.db
      .knex('migrations')
      .where({ id: otherId })
      .update({ source_credentials_enc: 'v2:sealed-secret' });
    const due = new Date('2030-06-01T12:00:00Z');
    await scheduleRetention(h.db.knex, otherId, due);
    // The job's run_at is the date; here it is moved to now so the worker picks it up without waiting.
    await h.db.knex.raw(`update graphile_worker._private_jobs set run_at = now() where key = ?`, [
      `retention:${otherId}`,
    ]);
    configureRetentionTasks({ db: h.db.knex, now: async () => due });
    const runner = createRunner({
      databaseUrl: h.db.url,
      logger: silent,
      concurrency: 1,
      tasks: [...retentionTasks],
      pollInterval: 50,
    });
    await runner.start();
    try {
      const wiped = await waitFor(
        'the retention job',
        async () => (await migration(otherId)).wiped_at ?? false,
        20_000,
      );
      expect(wiped).toEqual(due);
      expect(await countOf('attachment_files', (q) => q.where({ migration_id: otherId }))).toBe(0);
    } finally {
      await runner.stop();
    }
  });

  it('when Ferry is uninstalled, then all of the workspace’s data is wiped after the grace period, and a re-installation within it calls the wipe off', async () => {
    const port = dbWorkspaces(h.db.knex, 48);
    const ws = () =>
      h.db
        .knex('workspaces')
        .where({ id: workspaceId })
        .first<{ uninstalled_at: Date | null; wipe_at: Date | null; intercom_workspace_id: string }>();
    const wipeJobs = () =>
      h.db
        .knex('graphile_worker.jobs')
        .where({ key: `workspace-wipe:${workspaceId}` })
        .select('run_at');

    await port.uninstall(workspaceId, 'Ferry was uninstalled from Intercom.');
    const first = (await ws())!;
    expect(first.wipe_at).toEqual(new Date(first.uninstalled_at!.getTime() + 48 * HOUR));
    expect(await wipeJobs()).toEqual([{ run_at: first.wipe_at }]);
    // Re-installed within the grace period: nothing is wiped, the job is gone.
    await port.saveInstall({
      intercomWorkspaceId: first.intercom_workspace_id,
      region: 'us',
      name: 'Emulated workspace',
      accessTokenEnc: 'v2:token',
      installedByAdminId: 'admin-1',
    });
    expect((await ws())!.wipe_at).toBeNull();
    expect(await wipeJobs()).toEqual([]);
    expect(
      await wipeWorkspaceWhenDue(
        h.db.knex,
        workspaceId,
        new Date(first.uninstalled_at!.getTime() + 49 * HOUR),
      ),
    ).toBe(false);
    expect(await countOf('ledger', (q) => q.where({ migration_id: migrationId }))).toBeGreaterThan(0);

    // Uninstalled again, for good: an hour before the end of the grace period nothing goes; then everything.
    await h.db
      .knex('admin_preferences')
      .insert({ workspace_id: workspaceId, admin_id: 'admin-1', locale: 'de' });
    await port.uninstall(workspaceId, 'Ferry was uninstalled from Intercom.');
    const second = (await ws())!;
    expect(
      await wipeWorkspaceWhenDue(h.db.knex, workspaceId, new Date(second.wipe_at!.getTime() - HOUR)),
    ).toBe(false);
    expect(await countOf('migrations', (q) => q.where({ workspace_id: workspaceId }))).toBe(2);
    expect(await wipeWorkspaceWhenDue(h.db.knex, workspaceId, second.wipe_at!)).toBe(true);
    expect(await ws()).toBeUndefined();
    for (const table of ['migrations', 'admin_preferences', 'webhook_events'])
      expect(await countOf(table, (q) => q.where({ workspace_id: workspaceId })), table).toBe(0);
    for (const table of ['ledger', 'runs', 'attachment_files', 'migration_operators', 'migration_reference'])
      expect(await countOf(table, (q) => q.whereIn('migration_id', [migrationId, otherId])), table).toBe(0);
    expect(await countOf('run_outcomes', () => undefined)).toBe(0);
    expect(await countOf('run_records', () => undefined)).toBe(0);
  });
});
