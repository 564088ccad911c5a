// Names, not ids: operators are chosen among the workspace's teammates by name (with a search) and listed by
// name; teams of one name are told apart by their members; filters' groups and organizations by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact, startConsoleHarness, type ConsoleHarness } from './harness.js';
import { wordsOf } from '../../src/console/i18n.js';
import { filtersBody } from '../../src/console/pages/filters.js';
import { defaultSettings } from '../../src/settings/settings.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h?.close());

const admins = () =>
  h.env.intercom.state.admins as { id: string | number; name: string; email: string | null }[];

describe('operators by name', () => {
  it('when the installer opens the operators page, then teammates are offered by name and e-mail, and a search narrows them', async () => {
    const installer = await h.session(h.a.workspaceId);
    const page = compact((await installer.get('/console/operators')).text);
    const first = admins().find((a) => a.email)!;
    expect(page).toMatch(
      new RegExp(`<option value="${first.id}"\\s*>${first.name} · ${first.email}</option>`),
    );
    const searched = compact(
      (await installer.get(`/console/operators?q=${encodeURIComponent(first.email!)}`)).text,
    );
    const offered = [...searched.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
    expect(offered).toEqual([String(first.id)]);
  });

  it('when a teammate is added from the list, then the operators table names them', async () => {
    const installer = await h.session(h.a.workspaceId);
    const pick = admins().find((a) => a.email)!;
    const res = await installer
      .post('/console/operators')
      .type('form')
      .send({ adminId: String(pick.id) });
    expect(res.status).toBe(200);
    expect(compact(res.text)).toMatch(new RegExp(`<td class="wrap">${pick.name} · ${pick.email}`));
  });
});

describe('teams by name', () => {
  it('when two teams share a name, then each choice shows its member count', async () => {
    const teams = h.env.intercom.state.teams as { id: string; name: string; admin_ids: number[] }[];
    const twin = teams[0]!;
    teams.push({ ...twin, id: `${twin.id}9`, admin_ids: [1, 2, 3] });
    const installer = await h.session(h.a.workspaceId);
    await installer.post('/console/credentials').type('form').send({
      subdomain: 'sample-support',
      email: 'admin@sample-support.test',
      token: 'sandbox-zendesk-token',
    });
    const page = compact((await installer.get('/console/mappings')).text);
    expect(page).toContain(`>${twin.name} (0 members)</option>`);
    expect(page).toContain(`>${twin.name} (3 members)</option>`);
  });
});

describe('filters by name', () => {
  it.each(['groupIds', 'organizationIds'] as const)(
    'when the source is connected, then %s are ticked by name from its directory, a search keeps what was chosen, and ids are saved',
    async (name) => {
      const installer = await h.session(h.a.workspaceId);
      await installer.post('/console/credentials').type('form').send({
        subdomain: 'sample-support',
        email: 'admin@sample-support.test',
        token: 'sandbox-zendesk-token',
      });
      const page = compact((await installer.get('/console/filters')).text);
      expect(page).not.toContain(`<textarea id="${name}"`);
      const choices = [...page.matchAll(new RegExp(`name="${name}" value="([^"]+)"\\s*/>\\s*([^<]+)<`, 'g'))];
      const [a, b] = choices.map((m) => ({ id: m[1]!, name: m[2]!.trim() }));
      expect(choices.length).toBeGreaterThan(1);
      expect(a!.name).not.toBe(a!.id);
      const saved = await installer
        .post('/console/filters')
        .type('form')
        .send(`${name}=${a!.id}&${name}=${b!.id}`);
      expect(saved.status).toBe(200);
      const m = await h.migration(h.a.workspaceId, h.a.migrationId);
      expect((m.settings as { filters: Record<string, string[]> }).filters[name]).toEqual([a!.id, b!.id]);
      // Searching for one name shows it; the other stays chosen in a hidden input.
      const searched = compact(
        (await installer.get(`/console/filters?q=${encodeURIComponent(a!.name)}`)).text,
      );
      expect(searched).toMatch(new RegExp(`name="${name}" value="${a!.id}"\\s*checked`));
      expect(searched).toContain(`<input type="hidden" name="${name}" value="${b!.id}" />`);
    },
  );

  it('when the source holds more organizations than a page of boxes serves, then the filter takes ids and says why', () => {
    const actor = { isOperator: true } as Parameters<typeof filtersBody>[1];
    const html = compact(
      filtersBody(
        wordsOf('en'),
        actor,
        {
          settings: defaultSettings(),
          catalog: { groups: [], agents: [] },
          organizations: { items: [{ id: '1', name: 'Acme' }], complete: false },
        },
        '',
      ).value,
    );
    expect(html).toContain('<textarea id="organizationIds"');
    expect(html).toContain('more than 1 organizations: enter their ids');
  });
});
