import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { parseCsv } from '../../src/report/csv.js';
import { writeReports } from '../../src/report/write-reports.js';

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
      rows.push({ entity: 'tickets', source_id: String(i), target_id: `t${i}`, status: 'migrated' });
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
      // Skipped for another reason than a deletion in the source.
      deletedInSource: 0,
    });
    expect(summary.entities.contacts.total).toBe(1);
  });
});
