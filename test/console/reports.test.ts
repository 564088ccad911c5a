import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_IN_SOURCE } from '../../src/engine/plan.js';
import { parseCsv, runSummary, writeReports } from '../../src/report/index.js';
import { cancelRun } from '../../src/app/runs.js';
import { markResult, touch } from '../../src/engine/ledger.js';
import { compact, startConsoleHarness, type ConsoleHarness } from './harness.js';
import { countersTable } from '../../src/console/pages/counters.js';
import { wordsOf } from '../../src/console/i18n.js';

let h: ConsoleHarness;
let runId: string;
let dir: string;
beforeAll(async () => {
  h = await startConsoleHarness();
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-console-report-'));
  const [run] = await h.db
    .knex('runs')
    .insert({
      migration_id: h.a.migrationId,
      kind: 'demo',
      status: 'completed',
      stage: 'finalise',
      plan: JSON.stringify({ totals: { tickets: 120 }, available: { tickets: 500 } }),
    })
    .returning<{ id: string }[]>('id');
  runId = run!.id;
  const rows: {
    entity: string;
    source_id: string;
    target_id: string | null;
    status: string;
    reason: string | null;
  }[] = [];
  for (let i = 0; i < 1100; i++)
    rows.push({
      entity: 'tickets',
      source_id: String(i),
      target_id: `t${i}`,
      status: 'migrated',
      reason: null,
    });
  rows.push({
    entity: 'tickets',
    source_id: 'f1',
    target_id: null,
    status: 'failed',
    reason: 'Intercom said "no", 422\nsecond line',
  });
  rows.push({
    entity: 'contacts',
    source_id: 'c1',
    target_id: null,
    status: 'skipped',
    reason: 'no e-mail, no phone',
  });
  rows.push({ entity: 'parts', source_id: 'p1', target_id: 'x', status: 'migrated', reason: null });
  await h.db.knex.batchInsert(
    'ledger',
    rows.map((r) => ({ ...r, migration_id: h.a.migrationId, last_run_id: runId })),
    500,
  );
  for (const [at, n] of [
    ['2026-01-01T10:00:00Z', 0],
    ['2026-01-01T10:00:30Z', 600],
    ['2026-01-01T10:01:00Z', 1101],
  ] as const)
    await h.db.knex('run_progress').insert({
      run_id: runId,
      sampled_at: at,
      counters: JSON.stringify({
        tickets: { available: 500, total: 1101, migrated: n, failed: 0, skipped: 0 },
      }),
    });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await h?.close();
});

describe('reports', () => {
  it('when a CSV is downloaded, then it is byte for byte what `ferry report` writes, and its rows are the ledger rows of that status', async () => {
    const agent = await h.session(h.a.workspaceId);
    await writeReports(h.db.knex, runId, dir);
    for (const status of ['migrated', 'failed', 'skipped'] as const) {
      const res = await agent
        .get(`/console/reports/${runId}/${status}.csv`)
        .buffer(true)
        .parse((r, cb) => {
          let body = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (body += c));
          r.on('end', () => cb(null, body));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
      const text = res.body as string;
      expect(text).toBe(await readFile(path.join(dir, `${status}.csv`), 'utf8'));
      const ledger = await h.db
        .knex('ledger')
        .where({ last_run_id: runId, status })
        .whereNot({ entity: 'parts' })
        .orderBy('id');
      const records = parseCsv(text);
      expect(records[0]).toEqual(['entity', 'source_id', 'target_id', 'status', 'reason']);
      expect(records.slice(1)).toEqual(
        ledger.map((r: Record<string, string | null>) => [
          r.entity,
          r.source_id,
          r.target_id ?? '',
          r.status,
          r.reason ?? '',
        ]),
      );
    }
  });

  it('when the run report is opened, then it shows the counters, the SVG progress chart and the records page by page', async () => {
    const agent = await h.session(h.a.workspaceId);
    const page = await agent.get(`/console/reports/${runId}`);
    expect(page.status).toBe(200);
    const res = { text: compact(page.text) };
    expect(res.text).toContain('<svg id="progress-chart"');
    expect(res.text).toMatch(/<polyline[^>]+points="[\d.]+,[\d.]+ [\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
    expect(res.text).toMatch(/<th scope="row">Tickets<\/th><td>500<\/td><td>1101<\/td>/);
    expect(res.text).toContain('id="next-page"');
    const failed = await agent.get(`/console/reports/${runId}?status=failed`);
    expect(compact(failed.text)).toContain('Intercom said &quot;no&quot;');
    expect(failed.text).not.toContain('>0</td><td>t0');
    const next = /id="next-page" href="([^"]+)"/.exec(res.text)![1]!.replace(/&amp;/g, '&');
    const second = await agent.get(next);
    expect(compact(second.text)).toContain('<td>50</td>');
    expect(compact(second.text)).not.toContain('<td>t0</td>');
  });

  it('when Zendesk’s export reported a ticket deleted in the source, then the run report names it in the total rather than showing 60 against 59 available', async () => {
    const [full] = await h.db
      .knex('runs')
      .insert({
        migration_id: h.a.migrationId,
        kind: 'full',
        status: 'completed',
        stage: 'finalise',
        plan: JSON.stringify({ totals: { tickets: 59 }, available: { tickets: 59 } }),
      })
      .returning<{ id: string }[]>('id');
    const rows = Array.from({ length: 59 }, (_, i) => ({
      entity: 'tickets',
      source_id: `z${i}`,
      target_id: `t${i}` as string | null,
      status: 'migrated',
      reason: null as string | null,
    }));
    rows.push({
      entity: 'tickets',
      source_id: 'gone',
      target_id: null,
      status: 'skipped',
      reason: DELETED_IN_SOURCE,
    });
    await h.db
      .knex('ledger')
      .insert(rows.map((r) => ({ ...r, migration_id: h.a.migrationId, last_run_id: full!.id })));
    const agent = await h.session(h.a.workspaceId);
    const page = compact((await agent.get(`/console/reports/${full!.id}`)).text);
    expect(page).toMatch(
      /<th scope="row">Tickets<\/th><td>59<\/td><td>60 <span class="muted">\(59 \+ 1 deleted in the source\)<\/span><\/td>/,
    );
    // The figures themselves are DESIGN's: total = migrated + failed + skipped, available from the source.
    const summary = await runSummary(h.db.knex, full!.id);
    expect(summary.entities.tickets).toEqual({
      available: 59,
      total: 60,
      migrated: 59,
      failed: 0,
      skipped: 1,
      migratedWithLosses: 0,
      deletedInSource: 1,
    });
  });

  it('when records were migrated with losses, then the counters table says how many next to the migrated', () => {
    const html = String(
      countersTable(wordsOf('en'), {
        runId: 'r',
        migrationId: 'm',
        kind: 'full',
        status: 'completed',
        stage: 'finalise',
        pauseReason: null,
        lastError: null,
        startedAt: null,
        finishedAt: null,
        counters: {
          tickets: {
            available: 59,
            total: 59,
            migrated: 59,
            failed: 0,
            skipped: 0,
            deletedInSource: 0,
            migratedWithLosses: 45,
          },
        },
      }),
    );
    expect(compact(html)).toContain('<td>59 <span class="losses">(45 with losses)</span></td>');
  });

  it('when a reader (not an operator) opens the reports, then they can read them', async () => {
    const reader = await h.session(h.a.workspaceId, '7777');
    expect((await reader.get(`/console/reports/${runId}/failed.csv`)).status).toBe(200);
    expect((await reader.get('/console/reports')).text).toContain(runId);
  });
});

describe('the report of a run that a later run followed', () => {
  it('when a cancelled demo is followed by a run that takes its records in hand, then its records pages and CSVs still list every one of them', async () => {
    const m = h.b.migrationId;
    const insertRun = async (kind: string) =>
      (
        await h.db
          .knex('runs')
          .insert({
            migration_id: m,
            kind,
            status: 'running',
            stage: 'tickets',
            plan: JSON.stringify({ totals: { tickets: 60 } }),
          })
          .returning<{ id: string }[]>('id')
      )[0]!.id;
    const demo = await insertRun('demo');
    const ids = Array.from({ length: 59 }, (_, i) => `d${i}`);
    await h.db.knex('ledger').insert([
      ...ids.map((id) => ({
        migration_id: m,
        last_run_id: demo,
        entity: 'tickets',
        source_id: id,
        target_id: `t-${id}`,
        status: 'migrated',
      })),
      {
        migration_id: m,
        last_run_id: demo,
        entity: 'tickets',
        source_id: 'dfail',
        status: 'failed',
        reason: 'Intercom answered 422 to the demo',
      },
    ]);
    await cancelRun(h.db.knex, demo);
    // The later run takes every record in hand: the ledger names it for each of them from now on.
    const later = await insertRun('full');
    await touch(h.db.knex, m, 'tickets', ids, later);
    await markResult(h.db.knex, { migrationId: m, entity: 'tickets', sourceId: 'dfail' }, later, {
      status: 'migrated',
      targetId: 't-fixed',
    });

    const agent = await h.session(h.b.workspaceId);
    const records = (html: string) => html.match(/<td>Tickets<\/td>/g)?.length ?? 0;
    const first = compact((await agent.get(`/console/reports/${demo}?entity=tickets`)).text);
    expect(first).toMatch(/<th scope="row">Tickets<\/th><td>[^<]*<\/td><td>60<\/td>/);
    expect(records(first)).toBe(50);
    const next = /id="next-page" href="([^"]+)"/.exec(first)![1]!.replace(/&amp;/g, '&');
    const second = compact((await agent.get(next)).text);
    expect(records(second)).toBe(10);
    expect(second).not.toContain('id="next-page"');
    const failed = compact((await agent.get(`/console/reports/${demo}?status=failed`)).text);
    expect(failed).toContain(
      '<td>dfail</td><td></td><td>failed</td><td>Intercom answered 422 to the demo</td>',
    );

    const csv = async (runId: string, status: string) =>
      parseCsv((await agent.get(`/console/reports/${runId}/${status}.csv`).buffer(true)).text).slice(1);
    expect((await csv(demo, 'migrated')).map((r) => r[1])).toEqual(ids);
    expect(await csv(demo, 'failed')).toEqual([
      ['tickets', 'dfail', '', 'failed', 'Intercom answered 422 to the demo'],
    ]);
    // The later run, still going, reads the ledger: what it did so far.
    expect(await csv(later, 'migrated')).toContainEqual(['tickets', 'dfail', 't-fixed', 'migrated', '']);
  });
});
