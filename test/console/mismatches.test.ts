import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordVerdicts, resetVerification } from '../../src/engine/verify-results.js';
import { writeReports } from '../../src/report/index.js';
import { compact, startConsoleHarness, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
let runId: string;
let dir: string;
const PROBLEM = 'Reply 3 of 7 (created 2024-03-02 by ann@x.test) is missing in Intercom.';

beforeAll(async () => {
  h = await startConsoleHarness();
  dir = await mkdtemp(path.join(tmpdir(), 'ferry-console-mismatches-'));
  const [run] = await h.db
    .knex('runs')
    .insert({ migration_id: h.a.migrationId, kind: 'full', status: 'completed', stage: 'finalise' })
    .returning<{ id: string }[]>('id');
  runId = run!.id;
  await resetVerification(h.db.knex, runId);
  const mismatched = Array.from({ length: 130 }, (_, i) => ({
    entity: 'tickets' as const,
    sourceId: `m${i}`,
    targetId: `t${i}`,
    verdict: {
      outcome: 'mismatched' as const,
      problems: [i === 0 ? PROBLEM : `Tag "vip, gold" is missing on the ticket in Intercom.`],
    },
  }));
  await recordVerdicts(h.db.knex, runId, [
    ...mismatched,
    { entity: 'contacts', sourceId: 'c1', targetId: 'x1', verdict: { outcome: 'matched' } },
    {
      entity: 'tickets',
      sourceId: 'long',
      targetId: 'x2',
      verdict: { outcome: 'unverifiable', reason: 'not verifiable past 500 parts' },
    },
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await h?.close();
});

describe('the mismatches page', () => {
  it('when a run was verified, then its report links the mismatches page, which lists every mismatch page by page and the records not verifiable', async () => {
    const agent = await h.session(h.a.workspaceId);
    const report = compact((await agent.get(`/console/reports/${runId}`)).text);
    expect(report).toContain('Verified: 1 matched · 130 mismatched · 1 not verifiable');
    expect(report).toContain(`href="/console/reports/${runId}/mismatches"`);
    const first = await agent.get(`/console/reports/${runId}/mismatches`);
    expect(first.status).toBe(200);
    const text = compact(first.text);
    expect(text).toContain(`<td>m0</td><td>t0</td><td>${PROBLEM}</td>`);
    expect(text).toContain('<td>long</td><td>x2</td><td>not verifiable past 500 parts</td>');
    expect(text).not.toContain('<td>m100</td>');
    const next = /id="next-page" href="([^"]+)"/.exec(text)![1]!.replace(/&amp;/g, '&');
    const second = compact((await agent.get(next)).text);
    expect(second).toContain('<td>m100</td>');
    expect(second).toContain('<td>m129</td>');
    expect(second).not.toContain('id="next-page"');
  });

  it('when mismatches.csv is downloaded, then it is byte for byte what `ferry verify` writes', async () => {
    const agent = await h.session(h.a.workspaceId);
    await writeReports(h.db.knex, runId, dir);
    const res = await agent
      .get(`/console/reports/${runId}/mismatches.csv`)
      .buffer(true)
      .parse((r, cb) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (body += c));
        r.on('end', () => cb(null, body));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*mismatches\.csv"/);
    expect(res.body).toBe(await readFile(path.join(dir, 'mismatches.csv'), 'utf8'));
    expect(res.body as string).toContain(`tickets,m0,t0,${PROBLEM}\r\n`);
    expect(res.body as string).toContain(
      'tickets,m1,t1,"Tag ""vip, gold"" is missing on the ticket in Intercom."\r\n',
    );
  });

  it('when another workspace asks for the run’s mismatches, then the run is not there', async () => {
    const agent = await h.session(h.b.workspaceId);
    expect((await agent.get(`/console/reports/${runId}/mismatches`)).status).toBe(404);
    expect((await agent.get(`/console/reports/${runId}/mismatches.csv`)).status).toBe(404);
  });
});
