// url-map.csv from the console's run report: the same file `ferry report` writes, only to the migration's
// own workspace.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, writeReports } from '../../src/report/index.js';
import { compact, startConsoleHarness, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
let dir: string;
const runOf = async (migrationId: string): Promise<string> => {
  const [run] = await h.db
    .knex('runs')
    .insert({ migration_id: migrationId, kind: 'full', status: 'completed', stage: 'finalise' })
    .returning<{ id: string }[]>('id');
  return run!.id;
};

beforeAll(async () => {
  h = await startConsoleHarness();
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-console-url-map-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await h?.close();
});

describe('url-map.csv in the console', () => {
  it('when the migration has no help-center map, then the run report offers no url-map.csv and `ferry report` writes none', async () => {
    const runId = await runOf(h.a.migrationId);
    const agent = await h.session(h.a.workspaceId);
    expect(compact((await agent.get(`/console/reports/${runId}`)).text)).not.toContain('url-map.csv');
    expect((await writeReports(h.db.knex, runId, dir)).urlMap).toBeNull();
  });

  it('when the migration moved a help center, then url-map.csv downloads byte for byte as `ferry report` writes it, and not to another workspace', async () => {
    const runId = await runOf(h.a.migrationId);
    await h.db.knex('kb_url_map').insert([
      {
        migration_id: h.a.migrationId,
        old_url: 'https://help.acme.test/hc/en-us/articles/11',
        locale: 'en-us',
        entity: 'articles',
        source_id: '11',
        target_id: '901',
        new_url: 'https://help.acme.test/en/articles/901-reset',
        redirect_id: '77',
      },
      {
        migration_id: h.a.migrationId,
        old_url: 'https://help.acme.test/hc/en-us/sections/5',
        locale: 'en-us',
        entity: 'sections',
        source_id: '5',
        target_id: null,
        new_url: null,
        redirect_id: null,
      },
    ]);
    const agent = await h.session(h.a.workspaceId);
    const page = compact((await agent.get(`/console/reports/${runId}`)).text);
    expect(page).toContain(`href="/console/reports/${runId}/url-map.csv"`);
    const res = await agent.get(`/console/reports/${runId}/url-map.csv`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*-url-map\.csv"/);
    const written = await writeReports(h.db.knex, runId, dir);
    expect(written.urlMap).toBe(2);
    expect(res.text).toBe(await readFile(path.join(dir, 'url-map.csv'), 'utf8'));
    expect(parseCsv(res.text)).toEqual([
      ['old_url', 'new_url', 'entity', 'source_id', 'target_id', 'redirect_id'],
      [
        'https://help.acme.test/hc/en-us/articles/11',
        'https://help.acme.test/en/articles/901-reset',
        'articles',
        '11',
        '901',
        '77',
      ],
      ['https://help.acme.test/hc/en-us/sections/5', '', 'sections', '5', '', ''],
    ]);
    const other = await h.session(h.b.workspaceId);
    expect((await other.get(`/console/reports/${runId}/url-map.csv`)).status).toBe(404);
  });
});
