// Retention's dates around runs: a run still going when the wipe is due delays it, a paused one is cancelled
// (its outcomes kept) and the wipe goes ahead. Migrations completed before retention was scheduled (an older
// release) get their date when Ferry starts: a full period from the start, so an upgrade wipes nothing before
// the screens have shown the date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWorkspace } from '../../src/app/runs.js';
import { retentionCancelReason, wipeMigrationWhenDue } from '../../src/app/retention-wipe.js';
import { installSchema } from '../../src/jobs/runner/index.js';
import {
  scheduleAfterRun,
  scheduleMissingRetention,
  scheduleRetention,
} from '../../src/jobs/tasks/retention.js';
import { createMigratedTestDatabase, type TestDatabase } from '../helpers/db.js';

const DAY = 86_400_000;
let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedTestDatabase();
  await installSchema(db.url);
});
afterAll(async () => db?.drop());

async function migration(name: string, runs: { kind: string; status: string; finished_at: Date }[]) {
  const workspaceId = await ensureWorkspace(db.knex, 'ws-catch-up');
  const [m] = await db
    .knex('migrations')
    .insert({ workspace_id: workspaceId, name, source_platform: 'zendesk', status: 'completed' })
    .returning<{ id: string }[]>('id');
  for (const r of runs) await db.knex('runs').insert({ migration_id: m!.id, ...r });
  return m!.id;
}
const archiveAt = async (id: string) =>
  (await db.knex('migrations').where({ id }).first<{ archive_at: Date | null }>()).archive_at;

describe('retention for migrations completed before it', () => {
  it('when Ferry starts, then each with a completed full or delta run gets a date a full period from now, and those with a demo only are left alone', async () => {
    const now = new Date('2026-12-10T12:00:00Z');
    const recent = await migration('recent', [
      { kind: 'full', status: 'completed', finished_at: new Date('2026-12-08T12:00:00Z') },
      { kind: 'delta', status: 'completed', finished_at: new Date('2026-12-09T12:00:00Z') },
      { kind: 'delta', status: 'failed', finished_at: new Date('2026-12-10T11:00:00Z') },
    ]);
    const old = await migration('old', [
      { kind: 'full', status: 'completed', finished_at: new Date('2026-10-01T12:00:00Z') },
    ]);
    const demoOnly = await migration('demo only', [
      { kind: 'demo', status: 'completed', finished_at: new Date('2026-12-09T12:00:00Z') },
    ]);
    expect(await scheduleMissingRetention(db.knex, 5, now)).toBe(2);
    expect(await archiveAt(recent)).toEqual(new Date(now.getTime() + 5 * DAY));
    expect(await archiveAt(old)).toEqual(new Date(now.getTime() + 5 * DAY));
    expect(await archiveAt(demoOnly)).toBeNull();
    const jobs = await db.knex('graphile_worker.jobs').orderBy('key').select('key', 'run_at');
    expect(jobs).toEqual(
      [recent, old]
        .map((id) => ({ key: `retention:${id}`, run_at: new Date(now.getTime() + 5 * DAY) }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
    // The next start finds nothing left to date.
    expect(await scheduleMissingRetention(db.knex, 5, now)).toBe(0);
  });
});

describe('a run unfinished when the wipe is due', () => {
  const due = new Date('2026-12-20T08:00:00Z');
  const runOf = async (id: string) =>
    db
      .knex('runs')
      .where({ migration_id: id })
      .first<{ status: string; pause_reason: string | null; outcomes_at: Date | null }>();

  it('when a run is still going, then the wipe waits an hour and wipes nothing', async () => {
    const id = await migration('going', [{ kind: 'delta', status: 'running', finished_at: due }]);
    await db.knex('migrations').where({ id }).update({ source_credentials_enc: 'v2:sealed' });
    await scheduleRetention(db.knex, id, due);
    expect(await wipeMigrationWhenDue(db.knex, id, due)).toEqual({
      kind: 'later',
      at: new Date(due.getTime() + 3_600_000),
    });
    expect(await db.knex('migrations').where({ id }).first()).toMatchObject({
      source_credentials_enc: 'v2:sealed',
      wiped_at: null,
    });
  });

  it('when a run is paused, then it is cancelled with the reason, its outcomes kept, and the wipe goes ahead', async () => {
    const id = await migration('paused', [{ kind: 'delta', status: 'paused', finished_at: due }]);
    await db.knex('migrations').where({ id }).update({ source_credentials_enc: 'v2:sealed' });
    await scheduleRetention(db.knex, id, due);
    const outcome = await wipeMigrationWhenDue(db.knex, id, due);
    expect(outcome).toMatchObject({ kind: 'wiped', wiped: { credentials: true } });
    expect(await runOf(id)).toMatchObject({ status: 'cancelled', pause_reason: retentionCancelReason(due) });
    expect((await runOf(id))!.outcomes_at).not.toBeNull();
    expect(await db.knex('migrations').where({ id }).first()).toMatchObject({
      status: 'archived',
      source_credentials_enc: null,
      wiped_at: due,
    });
  });
});

describe('a run that completes after a postponement', () => {
  it('when an operator postponed the wipe beyond the new run’s date, then the later date stays; otherwise the run’s date wins', async () => {
    const id = await migration('postponed', []);
    const postponed = new Date('2027-01-20T00:00:00Z');
    await scheduleRetention(db.knex, id, postponed);
    await db.knex.transaction((trx) => scheduleAfterRun(trx, id, new Date('2027-01-10T00:00:00Z'), 5));
    expect(await archiveAt(id)).toEqual(postponed);
    await db.knex.transaction((trx) => scheduleAfterRun(trx, id, new Date('2027-01-18T00:00:00Z'), 5));
    expect(await archiveAt(id)).toEqual(new Date('2027-01-23T00:00:00Z'));
    expect(
      await db
        .knex('graphile_worker.jobs')
        .where({ key: `retention:${id}` })
        .pluck('run_at'),
    ).toEqual([new Date('2027-01-23T00:00:00Z')]);
  });
});
