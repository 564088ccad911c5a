import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealContext } from '../../../src/crypto.js';
import { recordVerdicts, resetVerification } from '../../../src/engine/verify-results.js';
import { startWizardHarness, submit, texts, type WizardHarness } from './harness.js';

let h: WizardHarness;
beforeAll(async () => {
  h = await startWizardHarness();
});
afterAll(async () => h?.close());

describe('the canvas after a verified run', () => {
  it('when the demo ended and was verified, then the results say how many records matched, mismatched and could not be verified', async () => {
    const [{ id: workspaceId }] = await h.db
      .knex('workspaces')
      .insert({
        intercom_workspace_id: 'ws-v',
        installed_by_admin_id: 'v-installer',
        access_token_enc: h.cipher.encrypt(h.intercom.accessToken, sealContext.intercomToken('ws-v')),
      })
      .returning('id');
    const [{ id: migrationId }] = await h.db
      .knex('migrations')
      .insert({ workspace_id: workspaceId, name: 'V', source_platform: 'zendesk', source_account: 'acme' })
      .returning('id');
    const [{ id: runId }] = await h.db
      .knex('runs')
      .insert({ migration_id: migrationId, kind: 'demo', status: 'completed', stage: 'finalise' })
      .returning('id');
    const demoScreen = async () =>
      texts(
        await submit(h.app, {
          workspace: 'ws-v',
          admin: 'v-installer',
          component: 'refresh',
          screen: 'demo',
        }),
      );
    const before = await demoScreen();
    expect(before).toContain('Demo results');
    expect(before).not.toContain('Verified:');
    await resetVerification(h.db.knex, runId);
    await recordVerdicts(h.db.knex, runId, [
      { entity: 'tickets', sourceId: '1', targetId: 'a', verdict: { outcome: 'matched' } },
      {
        entity: 'tickets',
        sourceId: '2',
        targetId: 'b',
        verdict: { outcome: 'mismatched', problems: ['x'] },
      },
      { entity: 'contacts', sourceId: '3', targetId: 'c', verdict: { outcome: 'matched' } },
    ]);
    expect(await demoScreen()).toContain('Verified: 2 matched · 1 mismatched · 0 not verifiable');
  });
});
