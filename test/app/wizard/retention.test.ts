// Retention in the canvas (issue 15 §2): the full-run screen says until when the source data is kept, an
// operator keeps it longer (a reader cannot), and after the wipe it says what was wiped when and refuses a
// delta with what to do, in the teammate's language.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealContext } from '../../../src/crypto.js';
import { scheduleRetention } from '../../../src/jobs/tasks/retention.js';
import { initialize, startWizardHarness, submit, texts, type WizardHarness } from './harness.js';

let h: WizardHarness;
let ws: string;
let migration: string;
const OPERATOR = { workspace: 'ws-keep', admin: 'k-installer' };
const READER = { workspace: 'ws-keep', admin: 'k-reader' };
const DUE = new Date('2026-12-09T10:00:00Z');
const row = async () => h.db.knex('migrations').where({ id: migration }).first();
const fullScreen = (who: typeof OPERATOR, locale?: string) =>
  submit(h.app, { ...who, component: 'refresh', screen: 'full', ...(locale ? { locale } : {}) });

beforeAll(async () => {
  h = await startWizardHarness();
  [{ id: ws }] = await h.db
    .knex('workspaces')
    .insert({
      intercom_workspace_id: 'ws-keep',
      installed_by_admin_id: 'k-installer',
      access_token_enc: h.cipher.encrypt(h.intercom.accessToken, sealContext.intercomToken('ws-keep')),
    })
    .returning('id');
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.db.knex('migrations').where({ workspace_id: ws }).delete();
  await submit(h.app, { ...OPERATOR, component: 'start', inputs: { platform: 'zendesk' } });
  migration = (await h.db.knex('migrations').where({ workspace_id: ws }).first()).id;
  await h.db.knex('runs').insert({
    migration_id: migration,
    kind: 'full',
    status: 'completed',
    finished_at: new Date(DUE.getTime() - 5 * 86_400_000),
  });
  await scheduleRetention(h.db.knex, migration, DUE);
});

describe('retention on the full-run screen', () => {
  it('when a full run completed, then the screen says until when the source data is kept, and the operator can keep it 7 days longer', async () => {
    expect(texts(await fullScreen(OPERATOR))).toContain(
      'Source data and credentials are kept until Dec 9, 2026 (UTC): until then, verify in Intercom and run deltas. Then the source credentials, staged source data and stored attachment files will be wiped; the ledger and reports stay.',
    );
    const res = await submit(h.app, { ...OPERATOR, component: 'full_postpone', screen: 'full' });
    expect((await row()).archive_at).toEqual(new Date('2026-12-16T10:00:00Z'));
    expect(texts(res)).toContain('The source data and credentials are now kept until Dec 16, 2026 (UTC).');
    expect(texts(res)).toContain('kept until Dec 16, 2026');
  });

  it('when a reader presses keep longer, then nothing changes and they see no such button', async () => {
    await initialize(h.app, 'ws-keep', 'k-reader');
    const seen = texts(await fullScreen(READER));
    expect(seen).toContain('Source data and credentials are kept until Dec 9, 2026 (UTC)');
    expect(seen).not.toContain('full_postpone');
    await submit(h.app, { ...READER, component: 'full_postpone', screen: 'full' });
    expect((await row()).archive_at).toEqual(DUE);
  });

  it('when the source data was wiped, then the screen says what was wiped when, in German too, and a delta is refused with what to do', async () => {
    await h.db
      .knex('migrations')
      .where({ id: migration })
      .update({ status: 'archived', source_credentials_enc: null, wiped_at: DUE });
    const en = texts(await fullScreen(OPERATOR));
    expect(en).toContain(
      'Archived on Dec 9, 2026 (UTC): the source credentials, staged source data and stored attachment files were wiped; the ledger and reports stay. To run a delta, reconnect the help desk.',
    );
    expect(en).not.toContain('full_postpone');
    const de = await submit(h.app, { ...OPERATOR, component: 'full_delta', screen: 'full', locale: 'de' });
    expect(texts(de)).toContain(
      'Die Zugangsdaten der Quelle wurden am 09.12.2026 (UTC) gelöscht (Aufbewahrungsfrist): Den Helpdesk neu verbinden (Zugangsdaten in der Konsole erneut eingeben), dann den Lauf erneut starten.',
    );
    expect(texts(de)).toContain('Archiviert am 09.12.2026');
    expect(await h.db.knex('runs').where({ migration_id: migration, kind: 'delta' })).toEqual([]);
  });
});
