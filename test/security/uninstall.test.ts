// Attack: POST /intercom/uninstall with an unsigned { app_id } (app_id is public). It used to tell an
// installed workspace from an unknown one, and to call Intercom's GET /me with the workspace's token (with
// retries spending its rate limit). Now an unsigned call gets one answer, causes no outbound call, and
// each address has a small budget of calls a minute.
import request from 'supertest';
import { sealContext } from '../../src/crypto.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import { listenOnLoopback, type Listening } from '../../src/sandbox/listen.js';
import { CLIENT_ID, CLIENT_SECRET, createHarness, signed, type Harness } from '../http/intercom/harness.js';

const emulator = createIntercomEmulator({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  workspaceId: 'un-ws',
});
/** Every request the emulator receives, whatever its route or token. */
const calls: string[] = [];
let intercom: Listening;
let h: Harness;

beforeAll(async () => {
  intercom = await listenOnLoopback((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    emulator.app(req, res);
  });
  h = await createHarness({
    INTERCOM_CLIENT_ID: CLIENT_ID,
    INTERCOM_API_URL: intercom.url,
    FERRY_RATE_LIMITS: 'uninstall=5',
  });
  await h.db.knex('workspaces').insert({
    intercom_workspace_id: 'un-ws',
    region: 'us',
    access_token_enc: h.cipher.encrypt(emulator.issueOAuthCode(), sealContext.intercomToken('un-ws')),
    installed_by_admin_id: '1',
  });
});
afterAll(async () => {
  await h.db.drop();
  await intercom.close();
});

const uninstall = (appId: string, o: { signature?: string; from?: string } = {}) => {
  const body = JSON.stringify({ app_id: appId });
  let r = request(h.app).post('/intercom/uninstall').set('content-type', 'application/json');
  if (o.signature) r = r.set('x-body-signature', o.signature);
  if (o.from) r = r.set('x-forwarded-for', o.from);
  return r.send(body);
};
const workspace = () => h.db.knex('workspaces').where({ intercom_workspace_id: 'un-ws' }).first();

describe('the unsigned uninstall endpoint', () => {
  it('when unsigned uninstalls name an installed and an unknown workspace, then both get the same answer and nothing changes', async () => {
    const before = await workspace();
    const installed = await uninstall('un-ws', { from: '198.51.100.1' });
    const unknown = await uninstall('nobody-here', { from: '198.51.100.1' });
    const malformed = (await request(h.app)
      .post('/intercom/uninstall')
      .set('x-forwarded-for', '198.51.100.1')
      .set('content-type', 'application/json')
      .send('{}')) as request.Response;
    for (const res of [installed, unknown, malformed]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(installed.body);
    }
    expect(await workspace()).toEqual(before);
  });

  it('when unsigned uninstalls arrive, then Ferry makes no call to Intercom', async () => {
    calls.length = 0;
    for (let i = 0; i < 3; i++) await uninstall('un-ws', { from: '198.51.100.2' });
    expect(calls).toEqual([]);
    expect((await workspace()).uninstalled_at).toBeNull();
  });

  it('when one address sends more uninstalls than its budget, then it gets 429 while another address still gets through', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await uninstall('un-ws', { from: '203.0.113.9' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect((await uninstall('un-ws', { from: '203.0.113.10' })).status).toBe(401);
  });

  it('when the uninstall is signed, then it is applied without any call to Intercom', async () => {
    calls.length = 0;
    const body = JSON.stringify({ app_id: 'un-ws' });
    const res = await uninstall('un-ws', { signature: signed(body), from: '198.51.100.3' });
    expect(res.body).toEqual({ status: 'uninstalled' });
    expect((await workspace()).uninstalled_at).not.toBeNull();
    expect(calls).toEqual([]);
  });
});
