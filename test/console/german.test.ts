// German must show German on every console page: each page is read in English and in German, and a string
// the German page shows that its English twin shows too fails, unless it is data (the help desk's and the
// workspace's names, e-mails, numbers, file names) or a word that reads the same in both (listed in the
// tables themselves: a German message equal to its English one). A string written into a page without
// going through the message tables fails here.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../canvas/i18n/index.js';
import { consoleLink } from '../../src/app/console-link.js';
import { CONSOLE_MESSAGES } from '../../src/console/i18n.js';
import { SANDBOX_SOURCE } from '../../src/sandbox/inbox/environment.js';
import {
  INSTALLER,
  PUBLIC_URL,
  SECRET,
  csrfTokenOf,
  startConsoleHarness,
  type ConsoleHarness,
} from './harness.js';

let h: ConsoleHarness;
let runId: string;
let agentId: string;
/** What the pages show as data: names and e-mails from both directories, the migration, file names. */
const data: string[] = [];

const same = (en: Record<string, string>, de: Record<string, string>) =>
  Object.keys(en)
    .filter((k) => en[k] === de[k] && !/\{/.test(en[k]!))
    .map((k) => en[k]!);
const SAME_WORDS = [
  ...same(MESSAGES.en, MESSAGES.de),
  ...same(CONSOLE_MESSAGES.en, CONSOLE_MESSAGES.de),
  'Ferry',
  'UTC',
];

beforeAll(async () => {
  h = await startConsoleHarness('zendesk');
  const agent = await h.session(h.a.workspaceId);
  const saved = await agent
    .post('/console/credentials')
    .type('form')
    .send({ subdomain: SANDBOX_SOURCE.subdomain, ...SANDBOX_SOURCE.zendesk });
  expect(saved.status).toBe(200);
  const m = await h.migration(h.a.workspaceId, h.a.migrationId);
  const access = {
    platform: m.source_platform,
    account: m.source_account!,
    credentialsEnc: m.source_credentials_enc,
    migrationId: m.id,
  };
  const catalogue = await h.source.catalogue(access);
  const organizations = await h.source.organizations(access, 5_000);
  agentId = catalogue.agents[0]!.id;
  data.push(
    m.name,
    'ws-a',
    'ws-b',
    `${m.source_account!}.zendesk.com`,
    ...catalogue.agents.flatMap((a) => [a.name, a.email ?? '']),
    ...catalogue.groups.map((g) => g.name),
    ...catalogue.fields.flatMap((f) => [f.title, f.key]),
    ...organizations.items.map((o) => o.name),
    ...h.env.intercom.state.admins.flatMap((a) => [String(a.name ?? ''), String(a.email ?? '')]),
    ...h.env.intercom.state.teams.map((t) => String(t.name ?? '')),
    ...['migrated', 'failed', 'skipped', 'mismatches'].map((s) => `${s}.csv`),
  );
  data.sort((a, b) => b.length - a.length);
  const [run] = await h.db
    .knex('runs')
    .insert({ migration_id: h.a.migrationId, kind: 'demo', status: 'completed', finished_at: new Date() })
    .returning<{ id: string }[]>('id');
  runId = run!.id;
});
afterAll(async () => h?.close());

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every string a teammate reads on a page: text between tags and the labels read out (code is data). */
export function visibleStrings(html: string): string[] {
  const body = html.replace(/<(script|style|code)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  const attributes = [...body.matchAll(/\s(?:placeholder|aria-label|title|alt)="([^"]*)"/g)].map(
    (m) => m[1]!,
  );
  const texts = body.replace(/<[^>]*>/g, '\n').split('\n');
  return [...attributes, ...texts].map((s) => decode(s).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** A string with nothing to translate: once data and same-in-both words are taken out, no word is left. */
function neutral(s: string): boolean {
  let rest = s;
  for (const d of [...data, ...SAME_WORDS]) if (d.length > 1) rest = rest.split(d).join(' ');
  return !/\p{L}{2,}/u.test(rest);
}

export function untranslated(german: string, english: string): string[] {
  const en = new Set(visibleStrings(english));
  return visibleStrings(german).filter((s) => en.has(s) && !neutral(s));
}

/** A session of the installer opened by a canvas link in `locale`. */
async function agentIn(locale: 'en' | 'de', adminId = INSTALLER) {
  const agent = request.agent(h.app);
  const link = new URL(consoleLink(PUBLIC_URL, SECRET, { workspaceId: h.a.workspaceId, adminId, locale }));
  expect((await agent.get(`${link.pathname}${link.search}`)).status).toBe(303);
  return agent;
}

async function pageIn(locale: 'en' | 'de', path: string): Promise<string> {
  const agent = await agentIn(locale);
  const res = await agent.get(path);
  expect(res.status).toBe(200);
  expect(res.text).toContain(`<html lang="${locale}">`);
  return res.text;
}

const PAGES = [
  '/console',
  '/console/credentials',
  '/console/mappings',
  '/console/filters',
  '/console/operators',
  '/console/reports',
  'run report',
  'mismatches',
];

describe('German console pages', () => {
  it.each(PAGES)('when %s is shown in German, then every string has German text', async (page) => {
    const path =
      page === 'run report'
        ? `/console/reports/${runId}`
        : page === 'mismatches'
          ? `/console/reports/${runId}/mismatches`
          : page;
    const [en, de] = [await pageIn('en', path), await pageIn('de', path)];
    expect(untranslated(de, en)).toEqual([]);
    expect(visibleStrings(de).length).toBeGreaterThan(5);
  });

  // Each kind of refused form, with values that are not words (the page shows them back as they were posted).
  const REFUSED: [string, string, () => Record<string, string>, RegExp, string?][] = [
    [
      'credentials: subdomain',
      '/console/credentials',
      () => ({ subdomain: '1.2', email: '', token: '' }),
      /Subdomain/,
    ],
    [
      'credentials: help desk refusal',
      '/console/credentials',
      () => ({
        subdomain: SANDBOX_SOURCE.subdomain,
        email: SANDBOX_SOURCE.zendesk.email,
        token: '0123456789',
      }),
      /abgelehnt/,
    ],
    ['mappings: teammate', '/console/mappings', () => ({ [`agent:${agentId}`]: '999999' }), /Teammitglied/],
    [
      'filters: dates',
      '/console/filters',
      () => ({ createdFrom: '31/01/2024', customFieldValues: '12' }),
      /Datum wie/,
    ],
    ['operators: admin id', '/console/operators', () => ({ adminId: '12-34' }), /Admin-ID/],
    // A teammate who is not an operator: the form is refused as a whole (403).
    ['credentials: reader', '/console/credentials', () => ({ subdomain: '12' }), /Nur die Betreuer/, '2002'],
  ];
  it.each(REFUSED)(
    'when a %s form is refused in German, then the refusal is German',
    async (_name, path, form, german, reader) => {
      const refused = async (locale: 'en' | 'de') => {
        const agent = await agentIn(locale, reader);
        const res = await agent
          .post(path)
          .set('x-csrf-token', await csrfTokenOf(agent))
          .type('form')
          .send(form());
        expect(res.status).toBe(reader ? 403 : 400);
        return res.text;
      };
      const [en, de] = [await refused('en'), await refused('de')];
      expect(visibleStrings(de).some((s) => german.test(s))).toBe(true);
      expect(untranslated(de, en)).toEqual([]);
    },
  );

  it('when a link for another workspace asks before switching, then it asks in the link’s language', async () => {
    const ask = async (locale: 'en' | 'de') => {
      const agent = request.agent(h.app);
      const a = new URL(
        consoleLink(PUBLIC_URL, SECRET, { workspaceId: h.a.workspaceId, adminId: INSTALLER }),
      );
      await agent.get(`${a.pathname}${a.search}`);
      const b = new URL(
        consoleLink(PUBLIC_URL, SECRET, { workspaceId: h.b.workspaceId, adminId: INSTALLER, locale }),
      );
      const res = await agent.get(`${b.pathname}${b.search}`);
      expect(res.status).toBe(200);
      return res.text;
    };
    const [en, de] = [await ask('en'), await ask('de')];
    expect(de).toContain('Workspace wechseln?');
    expect(untranslated(de, en)).toEqual([]);
  });

  it('when a page carries an English string that is not in the tables, then the check names it', () => {
    expect(untranslated('<p>Press Refresh</p>', '<p>Press Refresh</p>')).toEqual(['Press Refresh']);
    expect(untranslated('<p>Aktualisieren</p>', '<p>Refresh</p>')).toEqual([]);
    expect(untranslated('<input placeholder="name…">', '<input placeholder="name…">')).toEqual(['name…']);
  });
});
