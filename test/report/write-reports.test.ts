import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { parseCsv } from '../../src/report/csv.js';
import { writeReports } from '../../src/report/write-reports.js';
import { failRun } from '../../src/engine/run-state.js';
import { keepOutcomes } from '../../src/engine/run-outcomes.js';
import { touch } from '../../src/engine/ledger.js';

describe('reports of a run', () => {
  let db: TestDatabase;
  let dir: string;
  let runId: string;
  let otherRunId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-report-'));
    const [ws] = await db
      .knex('workspaces')
      .insert({ intercom_workspace_id: 'w1' })
      .returning<{ id: string }[]>('id');
    const [m] = await db
      .knex('migrations')
      .insert({ workspace_id: ws!.id, name: 'acme', source_platform: 'zendesk', status: 'ready' })
      .returning<{ id: string }[]>('id');
    const plan = JSON.stringify({ totals: { tickets: 2503 }, available: { tickets: 9000 } });
    const [run] = await db
      .knex('runs')
      .insert({ migration_id: m!.id, kind: 'full', status: 'completed', stage: 'finalise', plan })
      .returning<{ id: string }[]>('id');
    const [other] = await db
      .knex('runs')
      .insert({ migration_id: m!.id, kind: 'demo', status: 'completed', stage: 'finalise', plan: '{}' })
      .returning<{ id: string }[]>('id');
    runId = run!.id;
    otherRunId = other!.id;
    const rows: Record<string, string | null>[] = [];
    // More rows than one cursor batch, with reasons that need quoting.
    for (let i = 0; i < 2500; i++)
      rows.push({
        entity: 'tickets',
        source_id: String(i),
        target_id: `t${i}`,
        status: 'migrated',
        // Two arrived with something left off: migrated, the loss kept as their reason.
        reason: i < 2 ? 'Region: option "EMEA" of Region is not in the Intercom list attribute' : null,
      });
    rows.push({
      entity: 'tickets',
      source_id: 'f1',
      status: 'failed',
      reason: 'Intercom: "title", 422\nline 2',
    });
    rows.push({ entity: 'tickets', source_id: 's1', status: 'skipped', reason: 'deleted, in source' });
    rows.push({ entity: 'contacts', source_id: 'c1', target_id: 'ic1', status: 'migrated' });
    rows.push({ entity: 'parts', source_id: 'p1', target_id: 'ip1', status: 'migrated' });
    await db.knex.batchInsert(
      'ledger',
      rows.map((r) => ({ migration_id: m!.id, last_run_id: runId, reason: null, target_id: null, ...r })),
      500,
    );
    await db.knex('ledger').insert({
      migration_id: m!.id,
      last_run_id: otherRunId,
      entity: 'tickets',
      source_id: 'x',
      status: 'migrated',
    });
  });
  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when reports are written, then the CSVs hold exactly the run’s ledger rows and the summary adds up', async () => {
    const written = await writeReports(db.knex, runId, dir);
    expect(written.rows).toEqual({ migrated: 2501, failed: 1, skipped: 1 });

    const migrated = parseCsv(await readFile(path.join(dir, 'migrated.csv'), 'utf8'));
    expect(migrated[0]).toEqual(['entity', 'source_id', 'target_id', 'status', 'reason']);
    expect(migrated).toHaveLength(2502);
    expect(migrated.some((r) => r[1] === 'x' || r[0] === 'parts')).toBe(false);
    const failed = parseCsv(await readFile(path.join(dir, 'failed.csv'), 'utf8'));
    expect(failed[1]).toEqual(['tickets', 'f1', '', 'failed', 'Intercom: "title", 422\nline 2']);
    const skipped = parseCsv(await readFile(path.join(dir, 'skipped.csv'), 'utf8'));
    expect(skipped[1]).toEqual(['tickets', 's1', '', 'skipped', 'deleted, in source']);

    const summary = JSON.parse(await readFile(path.join(dir, 'summary.json'), 'utf8'));
    expect(summary.migration).toBe('acme');
    expect(summary.run).toBe('full');
    expect(summary.entities.tickets).toEqual({
      available: 9000,
      total: 2502,
      migrated: 2500,
      failed: 1,
      skipped: 1,
      migratedWithLosses: 2,
      // Skipped for another reason than a deletion in the source.
      deletedInSource: 0,
    });
    expect(migrated[1]![4]).toMatch(/not in the Intercom list attribute/);
    expect(summary.entities.contacts.total).toBe(1);
  });
});

describe('reports of a run that failed, after a later run', () => {
  let db: TestDatabase;
  let dir: string;
  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a failed run’s records are taken by a later run, then its reports keep all of them, once, however often its outcomes are kept', async () => {
    db = await createTestDatabase({ migrated: true });
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-report-failed-'));
    const [ws] = await db
      .knex('workspaces')
      .insert({ intercom_workspace_id: 'w2' })
      .returning<{ id: string }[]>('id');
    const [m] = await db
      .knex('migrations')
      .insert({ workspace_id: ws!.id, name: 'acme', source_platform: 'zendesk', status: 'running' })
      .returning<{ id: string }[]>('id');
    const newRun = async (kind: string) =>
      (
        await db
          .knex('runs')
          .insert({ migration_id: m!.id, kind, status: 'running', stage: 'tickets', plan: '{}' })
          .returning<{ id: string }[]>('id')
      )[0]!.id;
    const run = await newRun('full');
    // More rows than one cursor batch; a part and a pending row are no outcome of the run.
    const ids = Array.from({ length: 1200 }, (_, i) => String(i));
    const rows: { entity: string; source_id: string; target_id: string | null; status: string }[] = [
      ...ids.map((id) => ({ entity: 'tickets', source_id: id, target_id: `t${id}`, status: 'migrated' })),
      { entity: 'parts', source_id: 'p1', target_id: 'ip1', status: 'migrated' },
      { entity: 'tickets', source_id: 'pending', target_id: null, status: 'pending' },
    ];
    await db.knex.batchInsert(
      'ledger',
      rows.map((r) => ({ ...r, migration_id: m!.id, last_run_id: run })),
      500,
    );
    await failRun(db.knex, run, 'Intercom kept answering 500');
    await keepOutcomes(db.knex, [run]);
    const later = await newRun('delta');
    await touch(db.knex, m!.id, 'tickets', [...ids, 'pending'], later);

    const written = await writeReports(db.knex, run, dir);
    expect(written.rows).toEqual({ migrated: 1200, failed: 0, skipped: 0 });
    const migrated = parseCsv(await readFile(path.join(dir, 'migrated.csv'), 'utf8')).slice(1);
    expect(migrated.map((r) => r[1])).toEqual(ids);
    expect(written.summary.status).toBe('failed');
    expect(written.summary.entities.tickets).toMatchObject({ migrated: 1200, failed: 0, skipped: 0 });
  });
});
