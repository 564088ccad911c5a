import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/sandbox/openapi/index.js';
import { createHarness, signed, type Harness } from './intercom/harness.js';

let h: Harness;
let wsA: string;
let wsB: string;
let migrationB: string;

const admin = (id: string) => ({ type: 'admin', id, name: `Admin ${id}`, email: `${id}@example.com` });
const initBody = (workspace: string, adminId: string) =>
  JSON.stringify({ workspace_id: workspace, workspace_region: 'us', admin: admin(adminId) });
const submitBody = (workspace: string, adminId: string, componentId: string, extra: object = {}) =>
  JSON.stringify({
    workspace_id: workspace,
    workspace_region: 'us',
    admin: admin(adminId),
    component_id: componentId,
    current_canvas: { content: { components: [] }, stored_data: { screen: 'home' } },
    input_values: { platform: 'freshdesk' },
    ...extra,
  });

const post = (path: string, body: string, signature?: string) => {
  const r = request(h.app).post(path).set('content-type', 'application/json');
  return (signature === undefined ? r : r.set('x-body-signature', signature)).send(body);
};
const migrationsOf = (workspaceId: string) =>
  h.db.knex('migrations').where({ workspace_id: workspaceId }).orderBy('created_at');
const snapshot = async () => ({
  migrations: await h.db.knex('migrations').orderBy('id'),
  operators: await h.db.knex('migration_operators').orderBy('migration_id'),
});
const texts = (res: request.Response): string => JSON.stringify(res.body.canvas.content.components);

beforeAll(async () => {
  h = await createHarness();
  [{ id: wsA }, { id: wsB }] = await h.db
    .knex('workspaces')
    .insert([
      { intercom_workspace_id: 'ws-a', installed_by_admin_id: 'a-installer', access_token_enc: 'x' },
      { intercom_workspace_id: 'ws-b', installed_by_admin_id: 'b-installer', access_token_enc: 'y' },
    ])
    .returning('id');
  [{ id: migrationB }] = await h.db
    .knex('migrations')
    .insert({ workspace_id: wsB, name: 'Secret B migration', source_platform: 'zendesk', status: 'running' })
    .returning('id');
  await h.db.knex('migration_operators').insert({ migration_id: migrationB, admin_id: 'b-operator' });
});
afterAll(async () => h.db.drop());
beforeEach(async () => {
  await h.db.knex('migrations').where({ workspace_id: wsA }).delete();
});

describe('POST /canvas/initialize and /canvas/submit: signatures', () => {
  const start = () => submitBody('ws-a', 'a-installer', 'start');

  it.each([
    ['unsigned', () => undefined],
    ['wrongly signed', () => signed(start(), 'not-the-secret')],
    ['signed then altered', () => signed(start().replace('"freshdesk"', '"zendesk"'))],
    ['signed with a truncated signature', () => signed(start()).slice(0, 40)],
  ])('when a submit is %s, then the answer is 401 and nothing changes', async (_name, signature) => {
    const before = await snapshot();
    const res = await post('/canvas/submit', start(), signature());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('bad_signature');
    expect(await snapshot()).toEqual(before);
  });

  it('when an initialize is unsigned, then the answer is 401', async () => {
    const res = await post('/canvas/initialize', initBody('ws-a', 'a-installer'));
    expect(res.status).toBe(401);
  });

  it('when the signature covers the exact bytes (spacing included), then the request is accepted', async () => {
    const body = `{ "workspace_id" : "ws-a", "workspace_region":"us",  "admin": {"id":"a-installer"} }`;
    const res = await post('/canvas/initialize', body, signed(body));
    expect(res.status).toBe(200);
  });

  it('when a signed request lacks workspace_id, then the answer is 400 naming the field', async () => {
    const body = JSON.stringify({ workspace_region: 'us', admin: admin('a-installer') });
    const res = await post('/canvas/initialize', body, signed(body));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('workspace_id');
  });
});

describe('home canvas', () => {
  it('when the installing admin opens Ferry with no migration, then the canvas explains Ferry and offers Start, valid against 2.11', async () => {
    const body = initBody('ws-a', 'a-installer');
    const res = await post('/canvas/initialize', body, signed(body));
    expect(res.status).toBe(200);
    expect(validateSchema('2.11', 'initialize_response', res.body).errors).toEqual([]);
    expect(texts(res)).toContain('"id":"start"');
  });

  it('when an operator submits Start, then one draft is created in their own workspace, and a replay creates no second', async () => {
    const body = submitBody('ws-a', 'a-installer', 'start');
    const first = await post('/canvas/submit', body, signed(body));
    expect(first.status).toBe(200);
    expect(validateSchema('2.11', 'submit_response', first.body).errors).toEqual([]);
    expect(texts(first)).toContain('Connect Freshdesk');
    const replay = await post('/canvas/submit', body, signed(body));
    expect(replay.status).toBe(200);
    const rows = await migrationsOf(wsA);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source_platform: 'freshdesk', status: 'draft' });
  });

  it('when a teammate who is not an operator opens Ferry, then the canvas is read-only (no Start)', async () => {
    const body = initBody('ws-a', 'a-teammate');
    const res = await post('/canvas/initialize', body, signed(body));
    expect(texts(res)).not.toContain('"id":"start"');
    expect(texts(res)).toContain('Only its operators');
  });

  it('when a non-operator replays a Start submit, then nothing changes and the canvas stays read-only', async () => {
    const before = await snapshot();
    const body = submitBody('ws-a', 'a-teammate', 'start');
    const res = await post('/canvas/submit', body, signed(body));
    expect(res.status).toBe(200);
    expect(texts(res)).toContain('Only its operators');
    expect(await snapshot()).toEqual(before);
  });

  it('when an operator of workspace B submits from workspace A, then they are no operator there and nothing changes', async () => {
    const before = await snapshot();
    const body = submitBody('ws-a', 'b-operator', 'start');
    const res = await post('/canvas/submit', body, signed(body));
    expect(texts(res)).toContain('Only its operators');
    expect(await snapshot()).toEqual(before);
  });
});

describe('workspace isolation', () => {
  it("when A's signed request names B's workspace and migration in stored_data and input_values, then it never reads or changes B", async () => {
    const before = await h.db.knex('migrations').where({ workspace_id: wsB });
    const body = submitBody('ws-a', 'a-installer', 'refresh', {
      current_canvas: {
        content: { components: [] },
        stored_data: { workspace_id: 'ws-b', migration_id: migrationB },
      },
      input_values: { workspace_id: 'ws-b', migration_id: migrationB, platform: 'zendesk' },
    });
    const res = await post('/canvas/submit', body, signed(body));
    expect(res.status).toBe(200);
    expect(texts(res)).not.toContain('Secret B migration');
    expect(texts(res)).toContain('"id":"start"'); // A has no migration: A's own home screen
    const start = submitBody('ws-a', 'a-installer', 'start', {
      input_values: { migration_id: migrationB, platform: 'zendesk' },
    });
    await post('/canvas/submit', start, signed(start));
    expect(await h.db.knex('migrations').where({ workspace_id: wsB })).toEqual(before);
    expect(await migrationsOf(wsA)).toHaveLength(1);
  });

  it("when B's operator opens Ferry in B, then B's migration shows with Refresh", async () => {
    const body = initBody('ws-b', 'b-operator');
    const res = await post('/canvas/initialize', body, signed(body));
    expect(texts(res)).toContain('Secret B migration');
    expect(texts(res)).toContain('"id":"refresh"');
    expect(validateSchema('2.11', 'initialize_response', res.body).errors).toEqual([]);
  });

  it('when the workspace is unknown or uninstalled, then the canvas says Ferry is not installed', async () => {
    const body = initBody('ws-unknown', 'x');
    const res = await post('/canvas/initialize', body, signed(body));
    expect(texts(res)).toContain('not installed');
  });
});
