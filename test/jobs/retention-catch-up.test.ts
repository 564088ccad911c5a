// Migrations completed before retention was scheduled (an older release) get their date when Ferry starts: a
// full period from the start, so an upgrade wipes nothing before the screens have shown the date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWorkspace } from '../../src/app/runs.js';
import { installSchema } from '../../src/jobs/runner/index.js';
import { scheduleMissingRetention } from '../../src/jobs/tasks/retention.js';
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
