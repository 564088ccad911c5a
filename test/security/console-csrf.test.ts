// Attack: cross-site request forgery on the console. A page on another origin (even a sibling subdomain,
// which SameSite=Lax does not stop) posts a console form with the admin's session cookie. Unsafe methods
// must come from Ferry's own origin and carry the session's form token.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, startConsoleHarness, type ConsoleHarness } from '../console/harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h.close());

/** A signed-in browser: the session cookie only, no form token sent by default. */
async function browser() {
  const agent = request.agent(h.app);
  const link = new URL(h.link(h.a.workspaceId));
  expect((await agent.get(`${link.pathname}${link.search}`)).status).toBe(303);
  return agent;
}

const formToken = (html: string, action: string) =>
  new RegExp(
    `<form method="post" action="${action}"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"`,
  ).exec(html)?.[1];

const operators = () =>
  h.db
    .knex('migration_operators')
    .where({ migration_id: h.a.migrationId })
    .orderBy('admin_id')
    .pluck('admin_id');

describe('CSRF on the console', () => {
  it('when a POST to /console/operators carries the session cookie and Origin https://evil.example, then it is refused and no operator is added', async () => {
    const agent = await browser();
    const page = await agent.get('/console/operators');
    const token = formToken(page.text, '/console/operators')!;
    expect(token).toBeDefined();
    const before = await operators();
    const res = await agent
      .post('/console/operators')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ _csrf: token, adminId: '6666' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('came from another site');
    expect(await operators()).toEqual(before);
  });

  it('when a sibling subdomain posts with only a Referer, then it is refused as well', async () => {
    const agent = await browser();
    const token = formToken((await agent.get('/console/operators')).text, '/console/operators')!;
    const res = await agent
      .post('/console/operators')
      .set('referer', 'http://evil.127.0.0.1.example:3999/page')
      .type('form')
      .send({ _csrf: token, adminId: '6667' });
    expect(res.status).toBe(403);
    expect(await operators()).not.toContain('6667');
  });

  it('when a same-origin POST has no form token, or another session’s, then it is refused and nothing changes', async () => {
    const agent = await browser();
    const other = await browser();
    const othersToken = formToken((await other.get('/console/operators')).text, '/console/operators')!;
    const before = await operators();
    const origin = new URL(PUBLIC_URL).origin;
    for (const body of [{ adminId: '6668' }, { adminId: '6668', _csrf: othersToken }]) {
      const res = await agent.post('/console/operators').set('origin', origin).type('form').send(body);
      expect(res.status).toBe(403);
      expect(res.text).toContain('This form has expired');
    }
    expect(await operators()).toEqual(before);
  });

  it('when the real form is submitted from Ferry’s own origin with its token, then the operator is added', async () => {
    const agent = await browser();
    const token = formToken((await agent.get('/console/operators')).text, '/console/operators')!;
    const res = await agent
      .post('/console/operators')
      .set('origin', new URL(PUBLIC_URL).origin)
      .type('form')
      .send({ _csrf: token, adminId: '6669' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Operator added');
    expect(await operators()).toContain('6669');
  });

  it('when any console page renders a POST form, then the form carries the session’s token', async () => {
    const agent = await browser();
    const pages = ['/console/credentials', '/console/filters', '/console/operators', '/console/mappings'];
    let forms = 0;
    for (const path of pages) {
      const html = (await agent.get(path)).text;
      for (const tag of html.match(/<form\b[^>]*method="post"[^>]*>(\s*<input[^>]*>)?/g) ?? []) {
        forms++;
        expect(tag, path).toMatch(/name="_csrf" value="[^"]+"/);
      }
    }
    expect(forms).toBeGreaterThanOrEqual(4);
  });
});
