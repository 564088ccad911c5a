import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ITEMS } from '../../../canvas/screens/index.js';
import { sealSourceCredentials } from '../../../src/app/wizard/source-credentials.js';
import { sealContext } from '../../../src/crypto.js';
import { validateSchema } from '../../../src/sandbox/openapi/index.js';
import {
  initialize,
  startWizardHarness,
  submit,
  texts,
  ZENDESK_ADMIN,
  type WizardHarness,
} from './harness.js';

let h: WizardHarness;
let wsA: string;
let wsB: string;
let migrationA: string;
let migrationB: string;

const A = { workspace: 'ws-a', admin: 'a-installer' };
const CHECKLIST = [...ADMIN_ITEMS];
const snapshot = async () => ({
  migrations: await h.db.knex('migrations').orderBy('id'),
  runs: await h.db.knex('runs').orderBy('id'),
});
const migrationRow = (id: string) => h.db.knex('migrations').where({ id }).first();
const expectValid = (res: { body: unknown }) =>
  expect(validateSchema('2.11', 'submit_response', res.body).errors).toEqual([]);

beforeAll(async () => {
  h = await startWizardHarness();
  [{ id: wsA }, { id: wsB }] = await h.db
    .knex('workspaces')
    .insert([
      {
        intercom_workspace_id: 'ws-a',
        installed_by_admin_id: 'a-installer',
        access_token_enc: h.cipher.encrypt(h.intercom.accessToken, sealContext.intercomToken('ws-a')),
      },
      {
        intercom_workspace_id: 'ws-b',
        installed_by_admin_id: 'b-installer',
        access_token_enc: h.cipher.encrypt(h.intercom.accessToken, sealContext.intercomToken('ws-b')),
        locale: 'de',
      },
    ])
    .returning('id');
  [{ id: migrationB }] = await h.db
    .knex('migrations')
    .insert({ workspace_id: wsB, name: 'B migration', source_platform: 'zendesk', source_account: 'bravo' })
    .returning('id');
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.db.knex('migrations').where({ workspace_id: wsA }).delete();
  const res = await submit(h.app, { ...A, component: 'start', inputs: { platform: 'zendesk' } });
  expect(texts(res)).toContain('Connect Zendesk');
  migrationA = (await h.db.knex('migrations').where({ workspace_id: wsA }).first()).id;
});

const connect = (subdomain: string) =>
  submit(h.app, {
    ...A,
    component: 'connect_test',
    screen: 'connect',
    inputs: { connect_platform: 'zendesk', connect_subdomain: subdomain },
  });
const sealGood = () =>
  h.db
    .knex('migrations')
    .where({ id: migrationA })
    .update({
      source_credentials_enc: sealSourceCredentials(
        h.cipher,
        { platform: 'zendesk', ...ZENDESK_ADMIN },
        migrationA,
      ),
    });

describe('connect', () => {
  it.each([
    ['empty', '', 'Enter the subdomain'],
    ['with a dot', 'acme.zendesk.com', 'without dots'],
    ['with a slash', 'https://acme/', 'without https:// or slashes'],
  ])(
    'when the subdomain is %s, then its message shows at the field and nothing changes',
    async (_n, value, message) => {
      const before = await snapshot();
      const res = await connect(value);
      expect(res.status).toBe(200);
      expectValid(res);
      const components: { id?: string; type: string; text?: string; save_state?: string }[] =
        res.body.canvas.content.components;
      const at = components.findIndex((c) => c.id === 'connect_subdomain');
      expect(components[at]?.save_state).toBe('failed');
      expect(components[at + 1]).toMatchObject({ type: 'text', style: 'error' });
      expect(components[at + 1]?.text).toContain(message);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('when no secret was entered on the console yet, then the credentials field says so and links to the secure page', async () => {
    const res = await connect('acme');
    expect(texts(res)).toContain('Enter the credentials on Ferry’s secure page first');
    expect(texts(res)).toContain('https://ferry.test/console/credentials?token=');
    expect((await migrationRow(migrationA)).source_account).toBe('acme');
  });

  it('when the credentials are right, then Test connection shows the available counts and the secret appears nowhere', async () => {
    await sealGood();
    const res = await connect('acme');
    expectValid(res);
    expect(texts(res)).toContain('What Zendesk holds');
    expect(JSON.stringify(res.body)).not.toContain(ZENDESK_ADMIN.token);
    const row = await migrationRow(migrationA);
    const tickets: number = row.checklist.source.available.tickets;
    expect(tickets).toBeGreaterThan(0);
    expect(texts(res)).toContain(`"field":"Tickets","value":"${tickets}"`);
    expect(JSON.stringify(row.checklist)).not.toContain(ZENDESK_ADMIN.token);
  });

  it('when the token is wrong, then the credentials field names the problem and what to fix', async () => {
    await h.db
      .knex('migrations')
      .where({ id: migrationA })
      .update({
        source_credentials_enc: sealSourceCredentials(
          h.cipher,
          {
            platform: 'zendesk',
            email: ZENDESK_ADMIN.email,
            token: 'wrong',
          },
          migrationA,
        ),
      });
    const res = await connect('acme');
    expect(texts(res)).toContain(
      'Zendesk rejected the credentials: enter them again on Ferry’s secure page.',
    );
    expect((await migrationRow(migrationA)).checklist.source ?? null).toBeNull();
  });
});

describe('the flow to the full run', () => {
  it('when an operator goes through scope, mappings, options and checklist without a demo, then the full run is refused', async () => {
    await sealGood();
    await connect('acme');
    const scope = await submit(h.app, {
      ...A,
      component: 'scope_save',
      screen: 'scope',
      inputs: {
        scope_entities: ['tickets', 'contacts'],
        scope_target: 'tickets',
        scope_from: '2020-01-01',
        scope_to: '',
      },
    });
    expectValid(scope);
    expect(texts(scope)).toMatch(/agents mapped to a teammate/);
    const row = await migrationRow(migrationA);
    expect(row.settings.entities).toEqual(['tickets', 'contacts']);
    expect(row.settings.filters.createdFrom).toBe('2020-01-01');

    await submit(h.app, { ...A, component: 'mapping_next', screen: 'mapping' });
    // The old help center's address: not https, the screen stays with its error and nothing is stored.
    const notHttps = await submit(h.app, {
      ...A,
      component: 'options_save',
      screen: 'options',
      inputs: { options_flags: ['old_id_in_subject'], options_redirects: 'http://help.acme.com' },
    });
    expectValid(notHttps);
    expect(texts(notHttps)).toContain('Enter the full https address of the old help center');
    expect(JSON.stringify(notHttps.body)).toContain('http://help.acme.com');
    expect((await migrationRow(migrationA)).settings.options.helpCenterRedirects).toBeNull();
    const options = await submit(h.app, {
      ...A,
      component: 'options_save',
      screen: 'options',
      inputs: {
        options_flags: ['old_id_in_subject'],
        options_tag: '',
        options_inactive: 'skip',
        options_attachments: '7',
        options_redirects: 'https://help.acme.com',
      },
    });
    expect(texts(options)).toContain('Pre-flight checklist');
    expect((await migrationRow(migrationA)).settings.options).toMatchObject({
      tagMigrated: false,
      oldIdInSubject: true,
      inactiveAgents: 'skip',
      attachmentsPerPart: 7,
      helpCenterRedirects: 'https://help.acme.com',
    });

    await submit(h.app, {
      ...A,
      component: 'checklist_save',
      screen: 'checklist',
      inputs: { checklist_items: CHECKLIST, checklist_agree: ['agreed'] },
    });
    const before = await snapshot();
    const refused = await submit(h.app, { ...A, component: 'full_start', screen: 'full' });
    expectValid(refused);
    expect(texts(refused)).toContain('Complete the pre-flight checklist first');
    expect(await snapshot()).toEqual(before);
    expect(await h.db.knex('runs').where({ migration_id: migrationA })).toEqual([]);
  });

  it('when an operator runs the demo, then one demo run starts, and a replayed submit starts no second', async () => {
    await sealGood();
    await connect('acme');
    const demo = await submit(h.app, { ...A, component: 'demo_start', screen: 'demo' });
    expectValid(demo);
    expect(texts(demo)).toContain('Demo started.');
    const runs = await h.db.knex('runs').where({ migration_id: migrationA });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 'demo' });
    const replay = await submit(h.app, { ...A, component: 'demo_start', screen: 'demo' });
    expect(texts(replay)).toContain('That is not possible now');
    expect(await h.db.knex('runs').where({ migration_id: migrationA })).toHaveLength(1);
  });

  it('when the checklist is complete after a demo, then the full run starts, and Pause pauses it', async () => {
    await sealGood();
    await connect('acme');
    const progress = (await migrationRow(migrationA)).checklist;
    await h.db
      .knex('migrations')
      .where({ id: migrationA })
      .update({
        checklist: JSON.stringify({
          ...progress,
          saved: ['scope', 'mapping', 'options'],
          verified: { teammates: true, attributes: true },
          ticked: CHECKLIST,
          agreed: true,
        }),
      });
    await h.db.knex('runs').insert({ migration_id: migrationA, kind: 'demo', status: 'completed' });
    const home = await initialize(h.app, 'ws-a', 'a-installer');
    expect(texts(home)).toContain('Next: Full migration');
    const unconfirmed = await submit(h.app, { ...A, component: 'full_start', screen: 'full' });
    expect(texts(unconfirmed)).toContain('Type “migrate” in the box above the button');
    expect(await h.db.knex('runs').where({ migration_id: migrationA, kind: 'full' })).toEqual([]);
    const started = await submit(h.app, {
      ...A,
      component: 'full_start',
      screen: 'full',
      inputs: { full_confirm: ' Migrate ' },
    });
    expectValid(started);
    expect(texts(started)).toContain('Full migration started.');
    expect(texts(started)).toContain('"id":"full_pause"');
    const paused = await submit(h.app, { ...A, component: 'full_pause', screen: 'full' });
    expect(texts(paused)).toContain('"id":"full_resume"');
    const full = await h.db.knex('runs').where({ migration_id: migrationA, kind: 'full' });
    expect(full).toHaveLength(1);
    expect(full[0]).toMatchObject({ status: 'paused' });
  });
});

describe('who may change what', () => {
  it('when a teammate who is not an operator replays a scope save, then nothing changes and the overview is read-only', async () => {
    const before = await snapshot();
    const res = await submit(h.app, {
      workspace: 'ws-a',
      admin: 'a-teammate',
      component: 'scope_save',
      screen: 'scope',
      inputs: { scope_entities: ['articles'], scope_target: 'conversations' },
    });
    expectValid(res);
    expect(texts(res)).toContain('Only its operators');
    expect(await snapshot()).toEqual(before);
  });

  it("when A's signed request names B's migration in stored_data and input_values, then B is never read or changed", async () => {
    const before = await h.db.knex('migrations').where({ workspace_id: wsB });
    for (const component of ['scope_save', 'connect_test', 'full_cancel', 'checklist_save']) {
      const res = await submit(h.app, {
        ...A,
        component,
        storedData: { screen: 'scope', migration_id: migrationB, workspace_id: 'ws-b' },
        inputs: {
          migration_id: migrationB,
          workspace_id: 'ws-b',
          scope_entities: ['articles'],
          connect_subdomain: 'hijack',
          connect_platform: 'zendesk',
        },
      });
      expect(res.status).toBe(200);
      expect(texts(res)).not.toContain('B migration');
      expect(texts(res)).not.toContain('bravo');
    }
    expect(await h.db.knex('migrations').where({ workspace_id: wsB })).toEqual(before);
  });

  it("when B's operator opens Ferry, then B's card shows in B's locale (German)", async () => {
    const res = await initialize(h.app, 'ws-b', 'b-installer');
    expect(validateSchema('2.11', 'initialize_response', res.body).errors).toEqual([]);
    expect(texts(res)).toContain('B migration');
    expect(texts(res)).toContain('Weiter: Quelle verbinden');
  });
});
