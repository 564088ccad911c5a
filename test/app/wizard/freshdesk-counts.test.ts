// Issue 13 #5: a fresh Freshdesk account's sizing is counted (the filter API's totals, the ticket id range),
// never "not counted", and the ticket number is labelled as the estimate it is, in English and in German.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealSourceCredentials } from '../../../src/app/wizard/source-credentials.js';
import { sealContext } from '../../../src/crypto.js';
import { FRESHDESK_ADMIN_KEY, startWizardHarness, submit, texts, type WizardHarness } from './harness.js';

let h: WizardHarness;
const A = { workspace: 'ws-fd', admin: 'fd-installer' };

beforeAll(async () => {
  h = await startWizardHarness({ freshdesk: true });
  await h.db.knex('workspaces').insert({
    intercom_workspace_id: A.workspace,
    installed_by_admin_id: A.admin,
    access_token_enc: h.cipher.encrypt(h.intercom.accessToken, sealContext.intercomToken(A.workspace)),
  });
});
afterAll(async () => h?.close());

async function connectFreshdesk(locale?: string) {
  await h.db.knex('migrations').delete();
  await submit(h.app, { ...A, component: 'start', inputs: { platform: 'freshdesk' } });
  const m = await h.db.knex('migrations').first();
  await h.db
    .knex('migrations')
    .where({ id: m.id })
    .update({
      source_credentials_enc: sealSourceCredentials(
        h.cipher,
        { platform: 'freshdesk', apiKey: FRESHDESK_ADMIN_KEY },
        m.id,
      ),
    });
  return submit(h.app, {
    ...A,
    component: 'connect_test',
    screen: 'connect',
    inputs: { connect_platform: 'freshdesk', connect_subdomain: 'sample' },
    ...(locale ? { locale } : {}),
  });
}

describe('Freshdesk sizing on the connect screen', () => {
  it('when a fresh Freshdesk account is connected, then tickets, contacts and companies are counted and tickets say "about"', async () => {
    const before = h.freshdesk!.stats.byRoute['/search/contacts'] ?? 0;
    const res = await connectFreshdesk();
    expect(res.status).toBe(200);
    const rows = Object.fromEntries(
      (res.body.canvas.content.components as { type: string; items?: { field: string; value: string }[] }[])
        .filter((c) => c.type === 'data-table')
        .flatMap((c) => c.items ?? [])
        .map((i) => [i.field, i.value]),
    );
    // 30 tickets were ever created in the sample account: the newest id says so, as an estimate.
    expect(rows).toMatchObject({ Tickets: 'about 30 (estimated)', Contacts: '24', Companies: '4' });
    // Articles stay unknown (a call per folder and language): said so, never 0.
    expect(rows.Articles).toBe('not counted');
    expect(h.freshdesk!.stats.byRoute['/search/contacts']).toBe(before + 1);
  });

  it('when the workspace speaks German, then the estimate is labelled in German', async () => {
    const res = await connectFreshdesk('de');
    expect(texts(res)).toContain('etwa 30 (geschätzt)');
  });
});
