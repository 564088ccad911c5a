// Clear the demo and Undo this run in the canvas (issue 15 §1): the full-run screen names what the demo left
// in Intercom and opens the console's confirmation that removes it; a run does not start while a rollback
// deletes; a run that ended offers "Undo this run". Through createApp with signed canvas requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ITEMS } from '../../../canvas/screens/index.js';
import { sealSourceCredentials } from '../../../src/app/wizard/source-credentials.js';
import { sealContext } from '../../../src/crypto.js';
import { validateSchema } from '../../../src/sandbox/openapi/index.js';
import { startWizardHarness, submit, texts, ZENDESK_ADMIN, type WizardHarness } from './harness.js';

let h: WizardHarness;
let migrationId: string;
let demoRunId: string;
const A = { workspace: 'ws-r', admin: 'r-installer' };
const expectValid = (res: { body: unknown }) =>
  expect(validateSchema('2.11', 'submit_response', res.body).errors).toEqual([]);
const fullScreen = () => submit(h.app, { ...A, component: 'refresh', screen: 'full' });

beforeAll(async () => {
  h = await startWizardHarness();
  await h.db.knex('workspaces').insert({
    intercom_workspace_id: 'ws-r',
    installed_by_admin_id: 'r-installer',
    access_token_enc: h.cipher.encrypt(h.intercom.accessToken, sealContext.intercomToken('ws-r')),
  });
  await submit(h.app, { ...A, component: 'start', inputs: { platform: 'zendesk' } });
  migrationId = (await h.db.knex('migrations').first<{ id: string }>('id')).id;
  const m = await h.db.knex('migrations').where({ id: migrationId }).first<{ checklist: object }>();
  await h.db
    .knex('migrations')
    .where({ id: migrationId })
    .update({
      source_credentials_enc: sealSourceCredentials(
        h.cipher,
        { platform: 'zendesk', ...ZENDESK_ADMIN },
        migrationId,
      ),
      checklist: JSON.stringify({
        ...m.checklist,
        saved: ['scope', 'mapping', 'options'],
        verified: { teammates: true, attributes: true },
        ticked: [...ADMIN_ITEMS],
        agreed: true,
      }),
    });
  await submit(h.app, {
    ...A,
    component: 'connect_test',
    screen: 'connect',
    inputs: { connect_platform: 'zendesk', connect_subdomain: 'acme' },
  });
  const [demo] = await h.db
    .knex('runs')
    .insert({ migration_id: migrationId, kind: 'demo', status: 'completed' })
    .returning<{ id: string }[]>('id');
  demoRunId = demo!.id;
  await h.db.knex('ledger').insert(
    ['1', '2'].map((id) => ({
      migration_id: migrationId,
      entity: 'tickets',
      source_id: id,
      target_id: `t${id}`,
      status: 'migrated',
      last_run_id: demoRunId,
      created_by_ferry: true,
      created_run_id: demoRunId,
    })),
  );
});
afterAll(async () => h?.close());

describe('clear the demo, undo a run', () => {
  it('when a demo left records, then the full-run screen offers to remove them through the console confirmation, or to keep them', async () => {
    const screen = await fullScreen();
    expectValid(screen);
    const json = texts(screen);
    expect(json).toContain('The demo left 2 records in Intercom. Keep them (the full run reuses them)');
    expect(json).toMatch(new RegExp(`"id":"full_clear_demo".*/console/rollback/${demoRunId}\\?token=`));
  });

  it('when a rollback is still deleting, then the full run does not start', async () => {
    await h.db.knex('rollbacks').insert({
      id: '00000000-0000-4000-8000-000000000015',
      migration_id: migrationId,
      run_id: demoRunId,
    });
    const refused = await submit(h.app, {
      ...A,
      component: 'full_start',
      screen: 'full',
      inputs: { full_confirm: 'migrate' },
    });
    expect(texts(refused)).toContain('A rollback of this migration is still deleting');
    expect(await h.db.knex('runs').where({ migration_id: migrationId, kind: 'full' })).toEqual([]);
    await h.db.knex('rollbacks').update({ status: 'completed' });
  });

  it('when a full run ended, then its screen offers Undo this run (the console confirmation)', async () => {
    const [full] = await h.db
      .knex('runs')
      .insert({ migration_id: migrationId, kind: 'full', status: 'completed', stage: 'finalise' })
      .returning<{ id: string }[]>('id');
    const fullRunId = full!.id;
    const screen = await fullScreen();
    expectValid(screen);
    expect(texts(screen)).toMatch(new RegExp(`"id":"full_undo".*/console/rollback/${fullRunId}\\?token=`));
    expect(texts(screen)).not.toContain('full_clear_demo');
  });
});
