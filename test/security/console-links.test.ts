// Attack: a console link is replayed (from history, a log, a shoulder) within its 15 minutes, or a link for
// another workspace silently replaces the admin's session (they then act on the wrong workspace). Links
// work once, and a link for another workspace asks before switching.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/app/console/session.js';
import { PUBLIC_URL, startConsoleHarness, type ConsoleHarness } from '../console/harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h.close());

const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};
const setsSession = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=`));
const workspaceShown = async (agent: ReturnType<typeof request.agent>) =>
  /<span class="migration">([^<]+)<\/span>/.exec((await agent.get('/console')).text)?.[1];

describe('console links', () => {
  it('when a link is opened a second time in another browser, then it is refused and no session is made', async () => {
    const link = pathOf(h.link(h.a.workspaceId));
    const first = await request(h.app).get(link);
    expect(first.status).toBe(303);
    expect(setsSession(first)).toBe(true);
    const replay = await request(h.app).get(link);
    expect(replay.status).toBe(401);
    expect(replay.text).toContain('already used');
    expect(setsSession(replay)).toBe(false);
  });

  it('when the admin it was made for opens a used link again while signed in, then they simply land in the console', async () => {
    const agent = request.agent(h.app);
    const link = pathOf(h.link(h.a.workspaceId));
    expect((await agent.get(link)).status).toBe(303);
    const again = await agent.get(link);
    expect(again.status).toBe(303);
    expect(setsSession(again)).toBe(false);
  });

  it('when a link for workspace B is opened while signed in to A, then a page asks first and the session stays A’s', async () => {
    const agent = await h.session(h.a.workspaceId);
    expect(await workspaceShown(agent)).toBe('ws-a migration');
    const linkB = pathOf(h.link(h.b.workspaceId));
    const ask = await agent.get(linkB);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('Switch workspace?');
    expect(ask.text).toContain('ws-a');
    expect(ask.text).toContain('ws-b');
    expect(setsSession(ask)).toBe(false);
    expect(await workspaceShown(agent)).toBe('ws-a migration');
    // The link was not used by asking: confirming it switches.
    const token = /name="token" value="([^"]+)"/.exec(ask.text)![1]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(ask.text)![1]!;
    const confirm = await agent
      .post('/console/session')
      .set('origin', new URL(PUBLIC_URL).origin)
      .type('form')
      .send({ _csrf: csrf, token, next: '' });
    expect(confirm.status).toBe(303);
    expect(await workspaceShown(agent)).toBe('ws-b migration');
  });

  it('when the switch is posted from another site, then it is refused and the session stays A’s', async () => {
    const agent = await h.session(h.a.workspaceId);
    const ask = await agent.get(pathOf(h.link(h.b.workspaceId)));
    const token = /name="token" value="([^"]+)"/.exec(ask.text)![1]!;
    const res = await agent
      .post('/console/session')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ token, next: '' });
    expect(res.status).toBe(403);
    expect(await workspaceShown(agent)).toBe('ws-a migration');
  });

  it('when a link is exchanged, then its id is recorded as used until it expires', async () => {
    const before = Number(
      (await h.db.knex('used_tokens').where({ kind: 'console-link' }).count({ n: '*' }))[0]!.n,
    );
    await request(h.app).get(pathOf(h.link(h.a.workspaceId)));
    const rows = await h.db.knex('used_tokens').where({ kind: 'console-link' });
    expect(rows).toHaveLength(before + 1);
    for (const r of rows) expect(new Date(r.expires_at).getTime()).toBeGreaterThan(Date.now());
  });
});
