// "Undo this run" in the console: a confirmation naming per entity what is deleted and what stays, only for
// operators, a POST that starts nothing without the tick, and the rollback job once confirmed. German too.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSchema } from '../../src/jobs/runner/index.js';
import { compact, startConsoleHarness, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
let runId: string;

beforeAll(async () => {
  h = await startConsoleHarness();
  await installSchema(h.db.url, pino({ level: 'silent' }));
  const [run] = await h.db
    .knex('runs')
    .insert({ migration_id: h.a.migrationId, kind: 'full', status: 'completed', stage: 'finalise' })
    .returning<{ id: string }[]>('id');
  runId = run!.id;
  const row = (entity: string, sourceId: string, created: boolean) => ({
    migration_id: h.a.migrationId,
    entity,
    source_id: sourceId,
    target_id: `x-${entity}-${sourceId}`,
    status: 'migrated',
    last_run_id: runId,
    created_by_ferry: created,
    created_run_id: created ? runId : null,
  });
  await h.db
    .knex('ledger')
    .insert([
      row('tickets', '1', true),
      row('tickets', '2', true),
      row('contacts', '7', true),
      row('contacts', '8', false),
    ]);
});
afterAll(async () => h?.close());

describe('undo a run in the console', () => {
  it('when a reader opens it, then it lists per entity what would be deleted and kept, without a form', async () => {
    const reader = await h.session(h.a.workspaceId, '2002');
    const page = compact((await reader.get(`/console/rollback/${runId}`)).text);
    expect(page).toContain('<tr><td>tickets</td><td>2</td><td>0</td></tr>');
    expect(page).toContain('<tr><td>contacts</td><td>1</td><td>1</td></tr>');
    expect(page).not.toContain('id="rollback-form"');
    expect(page).toContain('Only the operators of this migration can undo a run.');
    expect(
      (await reader.post(`/console/rollback/${runId}`).type('form').send({ confirm: 'yes' })).status,
    ).toBe(403);
  });

  it('when an operator submits without the tick, then nothing starts; with it, the rollback job is enqueued', async () => {
    const agent = await h.session(h.a.workspaceId);
    const report = compact((await agent.get(`/console/reports/${runId}`)).text);
    expect(report).toContain(`href="/console/rollback/${runId}"`);
    expect(compact((await agent.get(`/console/rollback/${runId}`)).text)).toContain('id="rollback-form"');
    const refused = await agent.post(`/console/rollback/${runId}`).type('form').send({});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Tick the box to confirm the deletion.');
    expect(await h.db.knex('rollbacks').count<{ n: string }[]>('* as n')).toEqual([{ n: '0' }]);

    const started = await agent.post(`/console/rollback/${runId}`).type('form').send({ confirm: 'yes' });
    expect(started.status).toBe(303);
    expect(started.headers.location).toBe(`/console/rollback/${runId}`);
    const rollback = await h.db.knex('rollbacks').first<{ id: string; status: string; run_id: string }>();
    expect(rollback).toMatchObject({ status: 'running', run_id: runId });
    // graphile-worker keeps the payload in its private table; the job's key names the rollback.
    const jobs = await h.db.knex.raw<{ rows: { task_identifier: string; key: string }[] }>(
      'select task_identifier, key from graphile_worker.jobs',
    );
    expect(jobs.rows).toEqual([{ task_identifier: 'rollback.run', key: `rollback:${rollback!.id}` }]);
    const page = compact((await agent.get(`/console/rollback/${runId}`)).text);
    expect(page).toContain('Rollback: running');
    expect(page).not.toContain('id="rollback-form"');
    const csv = await agent.get(`/console/rollback/${runId}/rolled_back.csv`);
    expect(csv.text).toBe('entity,source_id,target_id,status,reason\r\n');
  });

  it('when the console speaks German, then the confirmation is German', async () => {
    const agent = await h.session(h.a.workspaceId, '2002');
    const page = compact((await agent.get(`/console/rollback/${runId}`).set('accept-language', 'de')).text);
    expect(page).toContain('Diesen Lauf rückgängig machen');
    expect(page).not.toMatch(/Undo this run|Only the operators|Deleted or archived/);
  });
});
