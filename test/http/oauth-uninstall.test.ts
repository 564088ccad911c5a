import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHub } from '../../src/intercom/signature.js';
import { sealContext } from '../../src/crypto.js';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import { CLIENT_ID, CLIENT_SECRET, createHarness, signed, type Harness } from './intercom/harness.js';

let emu: RunningIntercomEmulator;
let h: Harness;

beforeAll(async () => {
  emu = await startIntercomEmulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    workspaceId: 'emu-ws',
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

const workspaceRow = () => h.db.knex('workspaces').where({ intercom_workspace_id: 'emu-ws' }).first();

/** The authorize URL, and the nonce cookie the browser got with it (as a Cookie header). */
async function startInstall(region?: string): Promise<URL & { cookie: string }> {
  const res = await request(h.app).get(`/oauth/install${region ? `?region=${region}` : ''}`);
  expect(res.status).toBe(302);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((c) => c.startsWith('ferry_oauth='))!.split(';')[0]!;
  return Object.assign(new URL(res.headers.location!), { cookie });
}

const callback = (cookie: string) => request(h.app).get('/oauth/callback').set('cookie', cookie);

async function install(): Promise<request.Response> {
  const started = await startInstall();
  return callback(started.cookie).query({
    code: emu.issueOAuthCode(),
    state: started.searchParams.get('state')!,
  });
}

describe('OAuth install against the Intercom emulator', () => {
  it('when an admin starts the install, then they go to INTERCOM_APP_URL/oauth with client_id, redirect_uri and a signed state', async () => {
    const url = await startInstall();
    expect(`${url.origin}${url.pathname}`).toBe(`${emu.url}/oauth`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe('https://ferry.test/oauth/callback');
    expect(jwt.verify(url.searchParams.get('state')!, CLIENT_SECRET)).toMatchObject({ region: 'us' });
  });

  it('when the state was tampered with, then the callback answers 400 and stores nothing', async () => {
    const started = await startInstall();
    const state = started.searchParams.get('state')!;
    const res = await callback(started.cookie).query({ code: emu.issueOAuthCode(), state: `${state}x` });
    expect(res.status).toBe(400);
    expect(res.text).toContain('not valid');
    expect(await workspaceRow()).toBeUndefined();
  });

  it('when the state has expired, then the callback answers 400 and stores nothing', async () => {
    const expired = jwt.sign({ region: 'us', nonce: 'n' }, CLIENT_SECRET, {
      audience: 'ferry:oauth-state',
      expiresIn: -1,
    });
    const res = await request(h.app)
      .get('/oauth/callback')
      .query({ code: emu.issueOAuthCode(), state: expired });
    expect(res.status).toBe(400);
    expect(res.text).toContain('expired');
    expect(await workspaceRow()).toBeUndefined();
  });

  it('when Intercom refuses the code, then the page says the install failed and stores nothing', async () => {
    const started = await startInstall();
    const state = started.searchParams.get('state')!;
    const res = await callback(started.cookie).query({ code: 'bogus', state });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Ferry was not installed');
    expect(await workspaceRow()).toBeUndefined();
  });

  it('when the code is good, then the token is exchanged, /me read, and the workspace stored with its token encrypted', async () => {
    emu.state.app.timezone = 'Europe/Berlin';
    const res = await install();
    expect(res.status).toBe(200);
    expect(res.text).toContain('details panel');
    const link = /href="([^"]+\/console\?token=[^"]+)"/.exec(res.text)?.[1];
    expect(link).toBeDefined();
    const row = await workspaceRow();
    expect(row).toMatchObject({
      region: 'us',
      installed_by_admin_id: emu.state.admins[0]!.id,
      uninstalled_at: null,
      // GET /me's app.timezone: the canvas writes dates in it.
      time_zone: 'Europe/Berlin',
    });
    const token = h.cipher.decrypt(row.access_token_enc, sealContext.intercomToken('emu-ws'));
    expect(token).toMatch(/^tok_/);
    expect(row.access_token_enc).not.toContain(token);
    const claims = jwt.decode(new URL(link!.replace(/&amp;/g, '&')).searchParams.get('token')!) as {
      workspaceId: string;
      exp: number;
      iat: number;
    };
    expect(claims.workspaceId).toBe(row.id);
    expect(claims.exp - claims.iat).toBe(15 * 60);
  });
});

describe('POST /intercom/uninstall', () => {
  const body = JSON.stringify({ app_id: 'emu-ws' });
  const seedRun = async () => {
    const ws = await workspaceRow();
    await h.db.knex('migrations').where({ workspace_id: ws.id }).delete();
    const [m] = await h.db
      .knex('migrations')
      .insert({ workspace_id: ws.id, name: 'M', source_platform: 'zendesk', status: 'running' })
      .returning('id');
    const [run] = await h.db
      .knex('runs')
      .insert({ migration_id: m.id, kind: 'full', status: 'running' })
      .returning('id');
    await h.db.knex('ledger').insert({
      migration_id: m.id,
      last_run_id: run.id,
      entity: 'tickets',
      source_id: 't1',
      target_id: 'it1',
      status: 'migrated',
    });
    return m.id as string;
  };
  const uninstall = (signature?: string) => {
    const r = request(h.app).post('/intercom/uninstall').set('content-type', 'application/json');
    return (signature ? r.set('x-body-signature', signature) : r).send(body);
  };

  it('when an uninstall is forged (no signature, token still valid), then nothing changes', async () => {
    await install();
    await seedRun();
    const before = { ws: await workspaceRow(), runs: await h.db.knex('runs').orderBy('id') };
    for (const sig of [undefined, signed(body, 'wrong')]) {
      const res = await uninstall(sig);
      expect(res.status).toBe(401);
    }
    expect({ ws: await workspaceRow(), runs: await h.db.knex('runs').orderBy('id') }).toEqual(before);
  });

  it('when the uninstall is signed, then the workspace is marked uninstalled, its token wiped and its runs cancelled', async () => {
    await install();
    const migrationId = await seedRun();
    const res = await uninstall(signed(body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'uninstalled' });
    const ws = await workspaceRow();
    expect(ws.access_token_enc).toBeNull();
    expect(ws.uninstalled_at).not.toBeNull();
    const run = await h.db.knex('runs').where({ migration_id: migrationId }).first();
    expect(run).toMatchObject({ status: 'cancelled', pause_reason: 'Ferry was uninstalled from Intercom.' });
    // Its report is kept as it was when it was cancelled.
    expect(run.outcomes_at).not.toBeNull();
    expect(await h.db.knex('run_outcomes').where({ run_id: run.id }).pluck('source_id')).toEqual(['t1']);
    expect(await h.db.knex('migrations').where({ id: migrationId }).first()).toMatchObject({
      status: 'cancelled',
    });
    // All of the workspace's data is wiped after the grace period (FERRY_UNINSTALL_GRACE_HOURS, 48 by default).
    expect(ws.wipe_at).toEqual(new Date(ws.uninstalled_at.getTime() + 48 * 3_600_000));
    expect(
      await h.db
        .knex('graphile_worker.jobs')
        .where({ key: `workspace-wipe:${ws.id}` })
        .pluck('run_at'),
    ).toEqual([ws.wipe_at]);
  });

  it('when the uninstall is signed and the migration only had a demo, then that unfinished migration is cancelled too', async () => {
    await install();
    const migrationId = await seedRun();
    await h.db
      .knex('runs')
      .where({ migration_id: migrationId })
      .update({ kind: 'demo', status: 'completed' });
    await h.db.knex('migrations').where({ id: migrationId }).update({ status: 'demo_done' });
    expect((await uninstall(signed(body))).status).toBe(200);
    expect(await h.db.knex('migrations').where({ id: migrationId }).first()).toMatchObject({
      status: 'cancelled',
    });
  });

  it('when the workspace is reinstalled after an uninstall, then it is installed again with a new token and its wipe is called off', async () => {
    await install();
    const row = await workspaceRow();
    expect(row.uninstalled_at).toBeNull();
    expect(row.access_token_enc).not.toBeNull();
    expect(row.wipe_at).toBeNull();
    expect(await h.db.knex('graphile_worker.jobs').where({ key: `workspace-wipe:${row.id}` })).toEqual([]);
  });
});

describe('POST /webhooks/intercom', () => {
  const body = JSON.stringify({
    type: 'notification_event',
    topic: 'conversation.admin.closed',
    app_id: 'emu-ws',
    data: {},
  });
  const send = (signature?: string) => {
    const r = request(h.app).post('/webhooks/intercom').set('content-type', 'application/json');
    return (signature ? r.set('x-hub-signature', signature) : r).send(body);
  };

  it('when a webhook is unsigned or wrongly signed, then 401 and nothing is stored', async () => {
    expect((await send()).status).toBe(401);
    expect((await send(signHub(body, 'wrong'))).status).toBe(401);
    expect((await send(signed(body))).status).toBe(401); // a Canvas-style signature is not a hub signature
    expect(await h.db.knex('webhook_events').count({ n: '*' })).toEqual([{ n: '0' }]);
  });

  it('when a webhook carries a valid X-Hub-Signature, then it is stored for its workspace and acknowledged', async () => {
    const res = await send(signHub(body, CLIENT_SECRET));
    expect(res.status).toBe(200);
    const [event] = await h.db.knex('webhook_events');
    expect(event).toMatchObject({
      topic: 'conversation.admin.closed',
      workspace_id: (await workspaceRow()).id,
    });
  });
});
