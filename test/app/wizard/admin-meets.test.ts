// The wizard as an admin meets it (issue 13): the language (context.locale, the admin's own choice), the
// checklist's buttons, the delta from the overview, the full run's confirmation, the mapping summary as
// saved, and the conversations target's attributes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ITEMS } from '../../../canvas/screens/index.js';
import { sealContext } from '../../../src/crypto.js';
import { sealSourceCredentials } from '../../../src/app/wizard/source-credentials.js';
import { verifyConsoleToken } from '../../../src/app/console-link.js';
import { validateSchema } from '../../../src/sandbox/openapi/index.js';
import {
  CLIENT_SECRET,
  initialize,
  startWizardHarness,
  submit,
  texts,
  ZENDESK_ADMIN,
  type WizardHarness,
} from './harness.js';

let h: WizardHarness;
let ws: string;
let migration: string;
const A = { workspace: 'ws-meet', admin: 'm-installer' };
const row = async () => h.db.knex('migrations').where({ id: migration }).first();
const components = (res: { body: { canvas: { content: { components: { id?: string }[] } } } }) =>
  res.body.canvas.content.components;
const ids = (res: Parameters<typeof components>[0]) => components(res).map((c) => c.id);

beforeAll(async () => {
  h = await startWizardHarness();
  [{ id: ws }] = await h.db
    .knex('workspaces')
    .insert({
      intercom_workspace_id: 'ws-meet',
      installed_by_admin_id: 'm-installer',
      access_token_enc: h.cipher.encrypt(h.intercom.accessToken, sealContext.intercomToken('ws-meet')),
    })
    .returning('id');
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.db.knex('admin_preferences').delete();
  await h.db.knex('migrations').where({ workspace_id: ws }).delete();
  await submit(h.app, { ...A, component: 'start', inputs: { platform: 'zendesk' } });
  migration = (await h.db.knex('migrations').where({ workspace_id: ws }).first()).id;
  await h.db
    .knex('migrations')
    .where({ id: migration })
    .update({
      source_credentials_enc: sealSourceCredentials(
        h.cipher,
        { platform: 'zendesk', ...ZENDESK_ADMIN },
        migration,
      ),
    });
  await submit(h.app, {
    ...A,
    component: 'connect_test',
    screen: 'connect',
    inputs: { connect_platform: 'zendesk', connect_subdomain: 'acme' },
  });
});

const scope = (target: 'tickets' | 'conversations') =>
  submit(h.app, {
    ...A,
    component: 'scope_save',
    screen: 'scope',
    inputs: { scope_entities: ['tickets', 'contacts'], scope_target: target, scope_from: '', scope_to: '' },
  });

/** Every item ticked and verified, a demo done and (optionally) a full run completed. */
async function readyForFull(fullDone: boolean) {
  const progress = (await row()).checklist;
  await h.db
    .knex('migrations')
    .where({ id: migration })
    .update({
      checklist: JSON.stringify({
        ...progress,
        saved: ['scope', 'mapping', 'options'],
        verified: { teammates: true, attributes: true },
        ticked: [...ADMIN_ITEMS],
        agreed: true,
      }),
    });
  await h.db.knex('runs').insert({ migration_id: migration, kind: 'demo', status: 'completed' });
  if (fullDone)
    await h.db
      .knex('runs')
      .insert({ migration_id: migration, kind: 'full', status: 'completed', watermark: new Date() });
}

describe('the language', () => {
  it('when Intercom sends context.locale de, then the canvas is German though the workspace stored nothing', async () => {
    const res = await initialize(h.app, 'ws-meet', 'm-installer', 'de');
    expect(validateSchema('2.11', 'initialize_response', res.body).errors).toEqual([]);
    expect(texts(res)).toContain('Weiter: Umfang wählen');
    const english = await initialize(h.app, 'ws-meet', 'm-installer', 'en');
    expect(texts(english)).toContain('Next: Choose what moves');
  });

  it('when a teammate chooses English, then it wins over context.locale de for them only, and their console link carries it', async () => {
    const chosen = await submit(h.app, {
      ...A,
      locale: 'de',
      component: 'language',
      screen: 'scope',
      inputs: { language: 'en' },
    });
    expect(chosen.body.canvas.stored_data).toEqual({ screen: 'scope' });
    expect(texts(chosen)).toContain('Choose what moves');
    expect(components(chosen).find((c) => c.id === 'language')).toMatchObject({ value: 'en' });
    const again = await initialize(h.app, 'ws-meet', 'm-installer', 'de');
    expect(texts(again)).toContain('Next: Choose what moves');
    const other = await initialize(h.app, 'ws-meet', 'm-reader', 'de');
    expect(texts(other)).toContain('Aktualisieren');

    const scoped = await submit(h.app, { ...A, locale: 'de', component: 'connect_next', screen: 'connect' });
    const link = JSON.stringify(scoped.body).match(/console\/filters\?token=([^"\\]+)/)?.[1];
    expect(verifyConsoleToken(CLIENT_SECRET, decodeURIComponent(link ?? ''))).toMatchObject({ locale: 'en' });

    const auto = await submit(h.app, {
      ...A,
      locale: 'de',
      component: 'language',
      inputs: { language: 'auto' },
    });
    expect(texts(auto)).toContain('Weiter: Umfang wählen');
  });

  it('when a teammate who is not an operator chooses a language, then it is theirs and nothing else changes', async () => {
    const before = await row();
    const res = await submit(h.app, {
      workspace: 'ws-meet',
      admin: 'm-reader',
      component: 'language',
      inputs: { language: 'de' },
    });
    expect(texts(res)).toContain('Aktualisieren');
    expect(await row()).toEqual(before);
    expect(await h.db.knex('admin_preferences').where({ admin_id: 'm-reader' })).toHaveLength(1);
  });
});

describe('a reader', () => {
  it('when a teammate who is not an operator opens Ferry, then the note names the operators', async () => {
    const res = await initialize(h.app, 'ws-meet', 'm-reader');
    expect(texts(res)).toContain('Only its operators can change it: m-installer.');
  });
});

describe('the checklist', () => {
  it('when Next: Demo is pressed with the boxes ticked but unsaved, then the ticks are kept and the demo opens', async () => {
    const res = await submit(h.app, {
      ...A,
      component: 'checklist_next',
      screen: 'checklist',
      inputs: { checklist_items: ['pause_fin'], checklist_agree: ['agreed'] },
    });
    expect(res.body.canvas.stored_data).toEqual({ screen: 'demo' });
    expect((await row()).checklist).toMatchObject({ ticked: ['pause_fin'], agreed: true });
  });

  it('when Next: Demo is pressed without agreeing, then the checklist stays, keeps the ticks and says why', async () => {
    const res = await submit(h.app, {
      ...A,
      component: 'checklist_next',
      screen: 'checklist',
      inputs: { checklist_items: ['pause_csat'], checklist_agree: [] },
    });
    expect(res.body.canvas.stored_data).toEqual({ screen: 'checklist' });
    expect(texts(res)).toContain('The demo starts once you tick “I have gone through the checklist”');
    expect(components(res).find((c) => c.id === 'checklist_items')).toMatchObject({ value: ['pause_csat'] });
  });

  it('when Refresh or Back is pressed on the checklist, then the ticked boxes are kept too', async () => {
    await submit(h.app, {
      ...A,
      component: 'home',
      screen: 'checklist',
      inputs: { checklist_items: ['date_chosen'], checklist_agree: ['agreed'] },
    });
    expect((await row()).checklist).toMatchObject({ ticked: ['date_chosen'], agreed: true });
  });

  it('when Check again is pressed, then the ticked boxes are saved first', async () => {
    await submit(h.app, {
      ...A,
      component: 'checklist_verify',
      screen: 'checklist',
      inputs: { checklist_items: ['team_informed'], checklist_agree: [] },
    });
    expect((await row()).checklist.ticked).toEqual(['team_informed']);
  });
});

describe('the full run and the delta', () => {
  it('when the checklist is complete, then the full run shows what it writes and starts only once confirmed', async () => {
    await readyForFull(false);
    const screen = await submit(h.app, { ...A, component: 'checklist_next', screen: 'checklist' });
    expect(texts(screen)).toContain('What it writes into your live workspace');
    expect(texts(screen)).toMatch(/"field":"Tickets","value":"Intercom tickets: [\d,]+"/);
    expect(ids(screen)).toContain('full_confirm');
    const wrong = await submit(h.app, {
      ...A,
      component: 'full_start',
      screen: 'full',
      inputs: { full_confirm: 'yes' },
    });
    expect(texts(wrong)).toContain('Type “migrate”');
    expect(await h.db.knex('runs').where({ migration_id: migration, kind: 'full' })).toEqual([]);
  });

  it('when a full run completed, then the overview and the after-migration screen offer a delta, and it starts one', async () => {
    await readyForFull(true);
    const home = await initialize(h.app, 'ws-meet', 'm-installer');
    expect(ids(home)).toContain('home_delta');
    const post = await submit(h.app, { ...A, component: 'full_post', screen: 'full' });
    expect(ids(post)).toContain('post_delta');
    const started = await submit(h.app, { ...A, component: 'home_delta' });
    expect(texts(started)).toContain('Delta run started.');
    expect(await h.db.knex('runs').where({ migration_id: migration, kind: 'delta' })).toHaveLength(1);
    const during = await initialize(h.app, 'ws-meet', 'm-installer');
    expect(ids(during)).not.toContain('home_delta');
  });

  it('when the full run moved a help center, then the after-migration screen downloads url-map.csv of that run', async () => {
    await readyForFull(true);
    expect(ids(await submit(h.app, { ...A, component: 'full_post', screen: 'full' }))).not.toContain(
      'post_url_map',
    );
    await h.db.knex('kb_url_map').insert({
      migration_id: migration,
      old_url: 'https://help.acme.test/hc/en-us/articles/1',
      locale: 'en-us',
      entity: 'articles',
      source_id: '1',
    });
    const full = await h.db.knex('runs').where({ migration_id: migration, kind: 'full' }).first();
    const post = components(await submit(h.app, { ...A, component: 'full_post', screen: 'full' }));
    const button = post.find((c) => c.id === 'post_url_map') as { action?: { url?: string } } | undefined;
    expect(button?.action?.url).toContain(`/reports/${String(full.id)}/url-map.csv`);
  });

  it('when only a demo completed, then the overview offers no delta', async () => {
    await readyForFull(false);
    expect(ids(await initialize(h.app, 'ws-meet', 'm-installer'))).not.toContain('home_delta');
  });
});

describe('the mapping summary', () => {
  it('when the mappings are first shown, then no "Matched again." appears; pressing Match again says it', async () => {
    const first = await scope('tickets');
    expect(first.body.canvas.stored_data).toEqual({ screen: 'mapping' });
    expect(texts(first)).not.toContain('Matched again.');
    const pressed = await submit(h.app, { ...A, component: 'mapping_rematch', screen: 'mapping' });
    expect(texts(pressed)).toContain('Matched again.');
  });

  it('when creating attributes is off, then the panel offers to create the missing ones, and pressing it turns it on', async () => {
    const settings = (await row()).settings ?? {};
    await h.db
      .knex('migrations')
      .where({ id: migration })
      .update({
        settings: { ...settings, options: { ...settings.options, createMissingAttributes: false } },
      });
    const first = await scope('tickets');
    expect(ids(first)).toContain('mapping_create_attributes');
    const created = await submit(h.app, { ...A, component: 'mapping_create_attributes', screen: 'mapping' });
    expect(texts(created)).toMatch(/The \d+ missing attributes are created when a run starts/);
    expect(ids(created)).not.toContain('mapping_create_attributes');
    expect((await row()).settings.options.createMissingAttributes).toBe(true);
  });

  it('when the admin left a field out in the console, then the panel counts it out and Match again keeps it out', async () => {
    await scope('tickets');
    const settings = (await row()).settings;
    const fields: { scope: string; key: string }[] = settings.mappings.fields;
    expect(fields.length).toBeGreaterThan(1);
    const [gone, ...kept] = fields;
    const id = `${gone!.scope}:${gone!.key}`;
    await h.db
      .knex('migrations')
      .where({ id: migration })
      .update({ settings: { ...settings, mappings: { ...settings.mappings, fields: kept, leftOut: [id] } } });
    const shown = await submit(h.app, { ...A, component: 'refresh', screen: 'mapping' });
    expect(texts(shown)).toContain(`${kept.length} of ${fields.length} custom fields mapped`);
    expect(texts(shown)).toContain(`The ${kept.length} missing attributes are created`);
    await submit(h.app, { ...A, component: 'mapping_rematch', screen: 'mapping' });
    const after: { scope: string; key: string }[] = (await row()).settings.mappings.fields;
    expect(after.map((f) => `${f.scope}:${f.key}`)).not.toContain(id);
    expect(after).toHaveLength(kept.length);
  });
});

describe('the conversations target', () => {
  it('when tickets go to conversations, then the checklist reads conversation attributes: ✗ until they exist, ✓ after', async () => {
    await scope('conversations');
    const missing = await submit(h.app, { ...A, component: 'full_checklist', screen: 'full' });
    expect(texts(missing)).toContain('"field":"Attributes exist","value":"✗ not yet"');
    const { mappings } = (await row()).settings;
    const auth = { authorization: `Bearer ${h.intercom.accessToken}`, 'content-type': 'application/json' };
    for (const f of mappings.fields as { scope: string; attribute: string }[]) {
      const [path, body] =
        f.scope === 'ticket'
          ? ['/conversations/attributes', { name: f.attribute, data_type: 'string' }]
          : ['/data_attributes', { name: f.attribute, model: f.scope, data_type: 'string' }];
      const res = await fetch(`${h.intercom.url}${path}`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    }
    const verified = await submit(h.app, { ...A, component: 'checklist_verify', screen: 'checklist' });
    expect(texts(verified)).toContain('"field":"Attributes exist","value":"✓ yes"');
  });
});

describe('words on screen', () => {
  it("when the source is connected, then connect's custom field count is the mapping's field total", async () => {
    const connected = await submit(h.app, {
      ...A,
      component: 'connect_test',
      screen: 'connect',
      inputs: { connect_platform: 'zendesk', connect_subdomain: 'acme' },
    });
    const shown = /"field":"Custom fields","value":"(\d+)"/.exec(texts(connected));
    expect(shown).not.toBeNull();
    const mapping = await scope('tickets');
    const total = /\d+ of (\d+) custom fields mapped/.exec(texts(mapping));
    expect(total?.[1]).toBe(shown![1]);
    expect(Number(shown![1])).toBeGreaterThan(0);
    expect(texts(connected)).not.toContain('Ticket fields');
    // The help desk's own address, not where the emulator listens.
    expect(texts(connected)).toContain('Connected to acme.zendesk.com');
    expect(texts(connected)).not.toContain('127.0.0.1');
  });
});

describe('dates on the canvas', () => {
  const fullScreen = async (zone: string | null) => {
    await h.db.knex('workspaces').where({ id: ws }).update({ time_zone: zone });
    await readyForFull(true);
    await h.db
      .knex('migrations')
      .where({ id: migration })
      .update({ archive_at: new Date('2026-12-09T23:30:00Z') });
    return texts(await submit(h.app, { ...A, component: 'refresh', screen: 'full' }));
  };
  afterAll(async () => h.db.knex('workspaces').where({ id: ws }).update({ time_zone: null }));

  it("when Intercom gave the workspace's time zone, then the canvas writes dates in it with the locale; else it says UTC", async () => {
    const zoned = await fullScreen('Pacific/Auckland');
    expect(zoned).toContain('Dec 10, 2026');
    expect(zoned).not.toContain('(UTC)');
    expect(zoned).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await h.db.knex('runs').where({ migration_id: migration }).delete();
    expect(await fullScreen(null)).toContain('Dec 9, 2026 (UTC)');
  });
});
