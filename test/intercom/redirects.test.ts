// Help-center redirects (2.16) through the client against the emulator: from_url within the help center's
// URL space, one redirect per from_url (409 answers null), every page listed; article and collection urls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordError } from '../../src/errors.js';
import {
  expectNoViolations,
  startIntercomEmulator,
  type RunningIntercomEmulator,
} from '../../src/sandbox/intercom/index.js';
import { clientFor } from './helpers.js';

let emu: RunningIntercomEmulator;
beforeAll(async () => {
  emu = await startIntercomEmulator();
  const hc = emu.state.helpCenters[0]!;
  hc.custom_domain = 'help.acme.test';
  hc.url = 'https://help.acme.test';
});
afterAll(async () => emu.close());

describe('help-center redirects', () => {
  it('when redirects are created, then a second one for the same from_url answers null, one outside the help center is refused, and the list has them all', async () => {
    const c = clientFor(emu);
    const [hc] = await c.listHelpCenters();
    expect(hc).toMatchObject({ url: 'https://help.acme.test', custom_domain: 'help.acme.test' });
    const collection = await c.createCollection({ name: 'Billing' });
    expect(collection.url).toMatch(/^https:\/\/help\.acme\.test\/en\/collections\/\d+-billing$/);
    const [admin] = await c.listAdmins();
    const article = await c.createArticle({
      title: 'Reset your password',
      author_id: Number(admin!.id),
      parent_id: Number(collection.id),
      parent_type: 'collection',
      translated_content: { de: { title: 'Passwort', body: '<p>x</p>', author_id: Number(admin!.id) } },
    });
    expect(article.url).toMatch(/\/en\/articles\/\d+-reset-your-password$/);
    const body = {
      from_url: 'https://help.acme.test/hc/en-us/articles/11-Reset',
      locale: 'en',
      target_type: 'article' as const,
      target_id: article.id,
    };
    const created = await c.createRedirect(hc!.id, body);
    expect(created).toMatchObject({ from_url: body.from_url, target_id: article.id });
    expect(await c.createRedirect(hc!.id, body)).toBeNull();
    await expect(
      c.createRedirect(hc!.id, { ...body, from_url: 'https://acme.zendesk.test/hc/en-us/articles/11' }),
    ).rejects.toBeInstanceOf(RecordError);
    for (let i = 0; i < 260; i++)
      await c.createRedirect(hc!.id, {
        from_url: `https://help.acme.test/hc/en-us/sections/${i}`,
        locale: 'en',
        target_type: 'collection',
        target_id: collection.id,
      });
    const all = await c.listRedirects(hc!.id);
    expect(all).toHaveLength(261);
    expect(new Set(all.map((r) => r.id)).size).toBe(261);
    expectNoViolations(emu);
  });
});
