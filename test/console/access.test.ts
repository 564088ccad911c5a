import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as runs from '../../src/db/repositories/runs.js';
import { INSTALLER, startConsoleHarness, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h?.close());

const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};

describe('console link and session', () => {
  it('when the link is valid, then it becomes an httpOnly SameSite=Lax cookie on /console and the token leaves the address', async () => {
    const res = await request(h.app).get(pathOf(h.link(h.a.workspaceId)));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ferry_console=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('when the link names a console page in next, then the exchange lands there', async () => {
    const res = await request(h.app).get(`${pathOf(h.link(h.a.workspaceId))}&next=/console/credentials`);
    expect(res.headers.location).toBe('/console/credentials');
    const evil = await request(h.app).get(`${pathOf(h.link(h.a.workspaceId))}&next=//evil.example/x`);
    expect(evil.headers.location).toBe('/console');
  });

  it('when the link has expired, then the 401 page answers and no cookie is set', async () => {
    const res = await request(h.app).get(pathOf(h.link(h.a.workspaceId, INSTALLER, -10)));
    expect(res.status).toBe(401);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Link expired or not valid');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('when the link was altered, then the 401 page answers', async () => {
    const link = h.link(h.a.workspaceId);
    const token = new URL(link).searchParams.get('token')!;
    const [head, , sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ workspaceId: h.b.workspaceId, adminId: INSTALLER, aud: 'ferry:console' }),
    ).toString('base64url');
    const res = await request(h.app).get(`/console?token=${head}.${forged}.${sig}`);
    expect(res.status).toBe(401);
    const other = jwt.sign({ workspaceId: h.a.workspaceId, adminId: INSTALLER }, 'another-secret', {
      audience: 'ferry:console',
    });
    expect((await request(h.app).get(`/console?token=${other}`)).status).toBe(401);
  });

  it('when there is no session cookie or a forged one, then every console page answers 401', async () => {
    for (const path of ['/console', '/console/credentials', '/console/reports', '/console/mappings'])
      expect((await request(h.app).get(path)).status).toBe(401);
    const forged = jwt.sign({ workspaceId: h.a.workspaceId, adminId: INSTALLER }, 'not-the-secret', {
      audience: 'ferry:console-session',
    });
    expect((await request(h.app).get('/console').set('Cookie', `ferry_console=${forged}`)).status).toBe(401);
    // The link's own token is not a session.
    const linkToken = new URL(h.link(h.a.workspaceId)).searchParams.get('token')!;
    expect((await request(h.app).get('/console').set('Cookie', `ferry_console=${linkToken}`)).status).toBe(
      401,
    );
  });

  it('when the session is valid, then the overview shows its own workspace migration', async () => {
    const agent = await h.session(h.a.workspaceId);
    const res = await agent.get('/console');
    expect(res.status).toBe(200);
    expect(res.text).toContain('ws-a migration');
    expect(res.text).not.toContain('ws-b migration');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('workspace isolation', () => {
  it("when a session of workspace A asks for B's run report or CSV, then it gets 404 and none of B's rows", async () => {
    const run = await runs.create(h.db.knex, { migration_id: h.b.migrationId, kind: 'demo' });
    await h.db.knex('ledger').insert({
      migration_id: h.b.migrationId,
      entity: 'tickets',
      source_id: 'b-secret',
      status: 'migrated',
      target_id: 't',
      last_run_id: run.id,
    });
    const a = await h.session(h.a.workspaceId);
    const page = await a.get(`/console/reports/${run.id}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('b-secret');
    const csv = await a.get(`/console/reports/${run.id}/migrated.csv`);
    expect(csv.status).toBe(404);
    expect(csv.text).not.toContain('b-secret');
    const list = await a.get('/console/reports');
    expect(list.text).not.toContain(run.id);
    const b = await h.session(h.b.workspaceId);
    expect((await b.get(`/console/reports/${run.id}/migrated.csv`)).text).toContain('b-secret');
  });
});

describe('operators', () => {
  it('when a teammate who is not an operator posts any form, then they get 403 and nothing changes', async () => {
    const reader = await h.session(h.a.workspaceId, '2002');
    const before = await h.migration(h.a.workspaceId, h.a.migrationId);
    const page = await reader.get('/console/filters');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Only its operators can change it');
    const posts: [string, Record<string, string>][] = [
      [
        '/console/credentials',
        { subdomain: 'sample-support', email: 'admin@sample-support.test', token: 'sandbox-zendesk-token' },
      ],
      ['/console/filters', { tags: 'vip' }],
      ['/console/mappings', { fallbackAdminId: '' }],
      ['/console/operators', { adminId: '2002' }],
    ];
    for (const [path, body] of posts) {
      const res = await reader.post(path).type('form').send(body);
      expect(res.status, path).toBe(403);
    }
    const after = await h.migration(h.a.workspaceId, h.a.migrationId);
    expect(after.settings).toEqual(before.settings);
    expect(after.source_credentials_enc).toBe(before.source_credentials_enc);
    expect(after.updated_at).toEqual(before.updated_at);
  });

  it('when the installer adds a teammate, then that teammate may change the migration; a bad id is refused at the field', async () => {
    const installer = await h.session(h.a.workspaceId);
    const bad = await installer.post('/console/operators').type('form').send({ adminId: 'not an id' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="adminId-error"[^>]*>Enter the teammate/);
    const ok = await installer.post('/console/operators').type('form').send({ adminId: '3003' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('3003');
    const added = await h.session(h.a.workspaceId, '3003');
    const res = await added.post('/console/filters').type('form').send({ tags: 'vip, billing' });
    expect(res.status).toBe(200);
    const m = await h.migration(h.a.workspaceId, h.a.migrationId);
    expect((m.settings as { filters: { tags: string[] } }).filters.tags).toEqual(['vip', 'billing']);
    // An added operator cannot add others: only the installer does.
    expect((await added.post('/console/operators').type('form').send({ adminId: '4004' })).status).toBe(403);
  });
});
