// Attack: login CSRF through OAuth. An attacker starts an install in their own browser, and plants the
// callback URL (their code and state) in a victim's browser, or replays a callback seen once. The state is
// bound to a nonce cookie of the browser that started the install, and works once.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import { CLIENT_ID, CLIENT_SECRET, createHarness, type Harness } from '../http/intercom/harness.js';

let emu: RunningIntercomEmulator;
let h: Harness;
beforeAll(async () => {
  emu = await startIntercomEmulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    workspaceId: 'st-ws',
  });
  h = await createHarness({
    INTERCOM_CLIENT_ID: CLIENT_ID,
    INTERCOM_API_URL: emu.url,
    INTERCOM_APP_URL: emu.url,
  });
});
afterAll(async () => {
  await h.db.drop();
  await emu.close();
});

const installed = async () =>
  (await h.db.knex('workspaces').where({ intercom_workspace_id: 'st-ws' }).first()) !== undefined;

async function startInstall(): Promise<{ state: string; cookie: string; setCookie: string }> {
  const res = await request(h.app).get('/oauth/install');
  const setCookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('ferry_oauth='))!;
  return {
    state: new URL(res.headers.location!).searchParams.get('state')!,
    cookie: setCookie.split(';')[0]!,
    setCookie,
  };
}

const callback = (query: { code: string; state: string }, cookie?: string) => {
  const r = request(h.app).get('/oauth/callback').query(query);
  return cookie ? r.set('cookie', cookie) : r;
};

describe('OAuth state', () => {
  it('when an install starts, then its nonce cookie is httpOnly, SameSite=Lax, Secure and limited to /oauth', async () => {
    const { setCookie } = await startInstall();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/Path=\/oauth(;|$)/);
  });

  it('when the callback arrives in a browser without the nonce cookie (a planted install link), then it is refused and nothing is installed', async () => {
    const { state } = await startInstall();
    const code = emu.issueOAuthCode();
    const res = await callback({ code, state });
    expect(res.status).toBe(400);
    expect(res.text).toContain('not started in this browser');
    expect(await installed()).toBe(false);
  });

  it('when the nonce cookie belongs to another install, then the callback is refused', async () => {
    const attacker = await startInstall();
    const victim = await startInstall();
    const res = await callback({ code: emu.issueOAuthCode(), state: attacker.state }, victim.cookie);
    expect(res.status).toBe(400);
    expect(await installed()).toBe(false);
  });

  it('when a callback is replayed with the same state and cookie, then the second is refused', async () => {
    const { state, cookie } = await startInstall();
    const first = await callback({ code: emu.issueOAuthCode(), state }, cookie);
    expect(first.status).toBe(200);
    expect(await installed()).toBe(true);
    const second = await callback({ code: emu.issueOAuthCode(), state }, cookie);
    expect(second.status).toBe(400);
    expect(second.text).toContain('already used');
    expect(await h.db.knex('used_tokens').where({ kind: 'oauth-state' }).count({ n: '*' })).toEqual([
      { n: '1' },
    ]);
  });
});
