import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SOURCE } from '../../src/sandbox/inbox/environment.js';
import { openSourceCredentials } from '../../src/app/wizard/source-credentials.js';
import { cipher, compact, startConsoleHarness, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness('zendesk');
});
afterAll(async () => h?.close());

const good = { subdomain: SANDBOX_SOURCE.subdomain, ...SANDBOX_SOURCE.zendesk };
/** The message shown at a field: <p class="field-error" id="<field>-error">…</p>. */
const messageAt = (html: string, field: string) =>
  new RegExp(`id="${field}-error"[^>]*>([^<]+)<`).exec(html)?.[1];

describe('source credentials form', () => {
  const wrong: [string, Record<string, string>, string][] = [
    ['an empty subdomain', { ...good, subdomain: '' }, 'subdomain'],
    ['a subdomain with a dot', { ...good, subdomain: 'acme.zendesk.com' }, 'subdomain'],
    ['a subdomain with a slash', { ...good, subdomain: 'acme/evil' }, 'subdomain'],
    ['a malformed token', { ...good, token: 'x' }, 'token'],
    ['a token the help desk refuses', { ...good, token: 'wrong-token-123' }, 'token'],
    ['a malformed e-mail', { ...good, email: 'nobody' }, 'email'],
    // The sandbox answers only at its sample subdomain, so that a wrong subdomain can be tried.
    ['a subdomain the sandbox has no help desk at', { ...good, subdomain: 'acme' }, 'subdomain'],
  ];
  it('when the subdomain is not the sandbox sample, then the message says no help desk is there and names the sample', async () => {
    const agent = await h.session(h.a.workspaceId);
    const res = await agent
      .post('/console/credentials')
      .type('form')
      .send({ ...good, subdomain: 'acme' });
    expect(messageAt(res.text, 'subdomain')).toMatch(/no help desk at this subdomain.*sample-support/i);
  });

  for (const [what, body, field] of wrong) {
    it(`when the form has ${what}, then the message shows at ${field} and nothing is stored`, async () => {
      const agent = await h.session(h.a.workspaceId);
      const before = await h.migration(h.a.workspaceId, h.a.migrationId);
      const res = await agent.post('/console/credentials').type('form').send(body);
      expect(res.status).toBe(400);
      expect(messageAt(res.text, field)).toBeTruthy();
      expect(res.text).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      const after = await h.migration(h.a.workspaceId, h.a.migrationId);
      expect(after.source_credentials_enc).toBe(before.source_credentials_enc);
      expect(after.source_account).toBe(before.source_account);
      expect(after.updated_at).toEqual(before.updated_at);
    });
  }

  it('when the credentials are right, then the connection is tested, counts shown, the secret stored encrypted and never echoed', async () => {
    const agent = await h.session(h.a.workspaceId);
    const res = await agent.post('/console/credentials').type('form').send(good);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Connected');
    expect(res.text).toMatch(/Tickets: \d+/);
    expect(res.text).toMatch(/Custom fields: \d+/);
    expect(res.text).not.toMatch(/ticket_fields/);
    expect(res.text).not.toContain(good.token);
    const m = await h.migration(h.a.workspaceId, h.a.migrationId);
    expect(m.source_account).toBe(good.subdomain);
    expect(m.source_credentials_enc).not.toContain(good.token);
    expect(openSourceCredentials(cipher, m.source_credentials_enc!, m.id)).toEqual({
      platform: 'zendesk',
      email: good.email,
      token: good.token,
    });
    const page = await agent.get('/console/credentials');
    expect(page.text).not.toContain(good.token);
    expect(page.text).toMatch(/type="password"/);
    const test = await agent.post('/console/credentials/test');
    expect(test.status).toBe(200);
    expect(test.text).toContain('The stored credentials work');
  });
});

describe('filters form', () => {
  it('when a date is malformed or the range is backwards, then the message shows at that field and nothing changes', async () => {
    const agent = await h.session(h.a.workspaceId);
    const before = await h.migration(h.a.workspaceId, h.a.migrationId);
    const bad = await agent.post('/console/filters').type('form').send({ createdFrom: '31/01/2024' });
    expect(bad.status).toBe(400);
    expect(messageAt(bad.text, 'createdFrom')).toMatch(/date/);
    const backwards = await agent
      .post('/console/filters')
      .type('form')
      .send({ createdFrom: '2024-02-01', createdTo: '2024-01-01' });
    expect(messageAt(backwards.text, 'createdTo')).toMatch(/after/);
    const lines = await agent
      .post('/console/filters')
      .type('form')
      .send({ customFieldValues: 'no equals sign' });
    expect(messageAt(lines.text, 'customFieldValues')).toBeTruthy();
    expect((await h.migration(h.a.workspaceId, h.a.migrationId)).settings).toEqual(before.settings);
  });

  it('when the filters are valid, then they are stored in the settings', async () => {
    const agent = await h.session(h.a.workspaceId);
    const res = await agent.post('/console/filters').type('form').send({
      createdFrom: '2023-01-01',
      tags: 'vip\nbilling',
      customFieldValues: 'region = EMEA, APAC',
    });
    expect(res.status).toBe(200);
    const s = (await h.migration(h.a.workspaceId, h.a.migrationId)).settings as {
      filters: Record<string, unknown>;
    };
    expect(s.filters).toMatchObject({
      createdFrom: '2023-01-01',
      tags: ['vip', 'billing'],
      customFieldValues: [{ key: 'region', values: ['EMEA', 'APAC'] }],
    });
  });
});

describe('mappings page', () => {
  it('when the source is connected, then every agent, group and field is listed with a search, and a wrong teammate is refused at its field', async () => {
    const agent = await h.session(h.a.workspaceId);
    await agent.post('/console/credentials').type('form').send(good);
    const page = await agent.get('/console/mappings');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/agents matched by e-mail/);
    const agentIds = [...page.text.matchAll(/name="agent:([^"]+)"/g)].map((m) => m[1]!);
    expect(agentIds.length).toBeGreaterThan(1);
    const name = /<table id="agents">.*?<tbody><tr><td>([^<(]+)/s.exec(compact(page.text))![1]!.trim();
    const searched = await agent.get(`/console/mappings?q=${encodeURIComponent(name)}`);
    const shown = [...searched.text.matchAll(/name="agent:([^"]+)"/g)].length;
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(shown).toBeLessThan(agentIds.length);

    const before = await h.migration(h.a.workspaceId, h.a.migrationId);
    const bad = await agent
      .post('/console/mappings')
      .type('form')
      .send({ [`agent:${agentIds[0]}`]: '999999' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(new RegExp(`id="agent-${agentIds[0]}-error"`));
    expect((await h.migration(h.a.workspaceId, h.a.migrationId)).settings).toEqual(before.settings);

    const admins = [...page.text.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]!);
    const ok = await agent
      .post('/console/mappings')
      .type('form')
      .send({ [`agent:${agentIds[0]}`]: admins[0] });
    expect(ok.status).toBe(200);
    const s = (await h.migration(h.a.workspaceId, h.a.migrationId)).settings as {
      mappings: { agents: Record<string, string> };
    };
    expect(s.mappings.agents[agentIds[0]!]).toBe(admins[0]);
  });

  it('when the console saved working credentials, then the canvas has the connection without testing again', async () => {
    const agent = await h.session(h.a.workspaceId);
    await h.db.knex('migrations').where({ id: h.a.migrationId }).update({ checklist: '{}' });
    expect((await agent.post('/console/credentials').type('form').send(good)).status).toBe(200);
    const checklist = (await h.migration(h.a.workspaceId, h.a.migrationId)).checklist as {
      source: { available: Record<string, number | null> } | null;
    };
    expect(checklist.source?.available.tickets).toBeGreaterThan(0);
  });

  it('when a field is left out (its attribute emptied), then it is removed and remembered, so matching again keeps it out', async () => {
    const agent = await h.session(h.a.workspaceId);
    await agent.post('/console/credentials').type('form').send(good);
    const page = await agent.get('/console/mappings');
    const fieldId = /name="field:([^"]+)"/.exec(page.text)?.[1];
    expect(fieldId).toBeDefined();
    const left = await agent
      .post('/console/mappings')
      .type('form')
      .send({ [`field:${fieldId}`]: '' });
    expect(left.status).toBe(200);
    const s = (await h.migration(h.a.workspaceId, h.a.migrationId)).settings as {
      mappings: { fields: { scope: string; key: string }[]; leftOut: string[] };
    };
    expect(s.mappings.leftOut).toContain(fieldId);
    expect(s.mappings.fields.map((f) => `${f.scope}:${f.key}`)).not.toContain(fieldId);
    await agent
      .post('/console/mappings')
      .type('form')
      .send({ [`field:${fieldId}`]: 'Brought back' });
    const back = (await h.migration(h.a.workspaceId, h.a.migrationId)).settings as typeof s;
    expect(back.mappings.leftOut).not.toContain(fieldId);
  });
});
