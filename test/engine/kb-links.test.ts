// Issue 15 §3: links between migrated articles lead into Intercom, a link to an article that was not migrated
// stays and is reported, redirects are made once for every old address, and url-map.csv agrees with them.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, writeReports } from '../../src/report/index.js';
import type { Obj } from '../../src/sandbox/intercom/state.js';
import { verificationRows } from '../../src/engine/verify-results.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCleanIntercomTraffic, expectCountsAddUp } from './checks.js';

const OLD_BASE = 'https://help.acme.test';

/** Every href of the articles Intercom holds (main body and translations). */
function hrefsOf(articles: Iterable<Obj>): string[] {
  const bodies = [...articles].flatMap((a) => [
    String(a.body ?? ''),
    ...Object.values((a.translated_content ?? {}) as Record<string, Obj | null>).map((c) =>
      String(c?.body ?? ''),
    ),
  ]);
  return bodies.flatMap((b) =>
    [...b.matchAll(/\shref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[2] ?? m[3] ?? m[4]!),
  );
}

const countOf = (h: EngineHarness, method: string, pattern: RegExp) =>
  h.intercom.state.requests.filter((r) => r.method === method && pattern.test(r.path)).length;

describe('Zendesk help center: links rewritten, redirects made once, the URL map', () => {
  let h: EngineHarness;
  let migrationId: string;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20, zendesk: { exportPerMinute: 700 } });
    await h.startRunner();
    // The old help center's address now points to Intercom's help center: its custom domain.
    const hc = h.intercom.state.helpCenters[0]!;
    hc.custom_domain = 'help.acme.test';
    hc.url = OLD_BASE;
    // One article links to an article that is gone from the old help center (never migrated).
    const base = h.account.articles;
    h.account.articles = () =>
      base().map((a, i) =>
        i === 0 ? { ...a, html: `${a.html}<p><a href="/hc/en-us/articles/987654-Gone">gone</a></p>` } : a,
      );
    migrationId = await h.newMigration({
      entities: ['articles'],
      options: { helpCenterRedirects: OLD_BASE },
    });
    // Intercom refuses the first redirect: a loss on that article's line, made good by the rerun.
    h.intercom.failNext({
      kind: {
        status: 422,
        body: { type: 'error.list', errors: [{ code: 'data_invalid', message: 'refused once' }] },
      },
      method: 'POST',
      path: /\/redirects$/,
    });
  });
  afterAll(async () => h?.close());

  it(
    'when the help center is migrated, then every link between its articles leads to a migrated Intercom article or collection, anchors kept',
    { timeout: 120_000 },
    async () => {
      const status = await h.run(migrationId, 'full', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      await expectCountsAddUp(h.db.knex, status);
      expectCleanIntercomTraffic(h.intercom);
      // Verification expects the rewritten links (not the old ones) and finds them.
      expect(await verificationRows(h.db.knex, status.runId, 'mismatch', { limit: 5 })).toEqual([]);
      expect(status.verification).toMatchObject({ mismatched: 0 });
      const state = h.intercom.state;
      const live = new Set([
        ...[...state.articles.values()].flatMap((a) => [
          String(a.url),
          ...Object.values((a.translated_content ?? {}) as Record<string, Obj | null>).map((c) =>
            String(c?.url),
          ),
        ]),
        ...[...state.collections.values()].map((c) => String(c.url)),
      ]);
      const internal = hrefsOf(state.articles.values()).filter(
        (x) => x.startsWith(OLD_BASE) || /\/hc\//.test(x),
      );
      expect(internal.length).toBeGreaterThan(3);
      const dangling = internal.filter((x) => !live.has(x.split('#')[0]!));
      // Only the link to the article that never existed stays as it was.
      expect(dangling).toEqual([`${h.zendesk!.url}/hc/en-us/articles/987654-Gone`]);
      expect(internal.some((x) => x.endsWith('#steps'))).toBe(true);
      const [first] = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'articles', source_id: h.account.articles()[0]!.id })
        .pluck<string[]>('reason');
      expect(first).toContain('link to old article 987654 not rewritten: not migrated');
      const refused = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'articles' })
        .whereLike('reason', '%redirect from%not created: %refused once%')
        .pluck<string[]>('source_id');
      expect(refused).toHaveLength(1);
    },
  );

  it('when the run ends, then a redirect exists for every old address and url-map.csv agrees with them', async () => {
    const redirects = [...h.intercom.state.redirects.values()];
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-url-map-'));
    const written = await writeReports(h.db.knex, (await lastRunId(h, migrationId))!, dir);
    const [header, ...rows] = parseCsv(await readFile(path.join(dir, 'url-map.csv'), 'utf8'));
    expect(header).toEqual(['old_url', 'new_url', 'entity', 'source_id', 'target_id', 'redirect_id']);
    expect(written.urlMap).toBe(rows.length);
    const onOldBase = rows.filter((r) => r[0]!.startsWith(OLD_BASE));
    const account = h.account;
    // Every article in each of its locales, every section and category.
    expect(onOldBase.filter((r) => r[2] === 'articles').length).toBeGreaterThanOrEqual(
      account
        .articles()
        .reduce((n, a) => n + 1 + a.translations.filter((t) => t.locale !== a.locale).length, 0),
    );
    expect(new Set(onOldBase.filter((r) => r[2] === 'sections').map((r) => r[3]))).toEqual(
      new Set(account.sections().map((s) => s.id)),
    );
    // All but the one Intercom refused.
    expect(redirects.length).toBe(onOldBase.length - 1);
    expect(onOldBase.filter((r) => r[5] === '')).toHaveLength(1);
    for (const [oldUrl, newUrl, entity, , targetId, redirectId] of onOldBase.filter((r) => r[5])) {
      const redirect = h.intercom.state.redirects.get(redirectId!);
      expect(redirect, oldUrl).toMatchObject({
        from_url: oldUrl,
        target_id: targetId,
        target_type: entity === 'articles' ? 'article' : 'collection',
      });
      expect(newUrl).toMatch(/^https:\/\/help\.acme\.test\/.+\/(articles|collections)\//);
    }
    // The source's own addresses are in the map too, without a redirect (not Intercom's to redirect).
    const onSource = rows.filter((r) => !r[0]!.startsWith(OLD_BASE));
    expect(onSource.length).toBe(onOldBase.length);
    expect(onSource.every((r) => r[5] === '')).toBe(true);
  });

  it(
    'when the migration runs again, then only the refused redirect is created, none twice, and no article is rewritten twice',
    { timeout: 120_000 },
    async () => {
      const redirectsBefore = h.intercom.state.redirects.size;
      const puts = countOf(h, 'PUT', /^\/articles\//);
      const posts = countOf(h, 'POST', /\/redirects$/);
      const status = await h.run(migrationId, 'full', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      expect(status.verification).toMatchObject({ mismatched: 0 });
      expect(h.intercom.state.redirects.size).toBe(redirectsBefore + 1);
      expect(countOf(h, 'POST', /\/redirects$/)).toBe(posts + 1);
      expect(
        await h.db
          .knex('kb_url_map')
          .where({ migration_id: migrationId })
          .whereLike('old_url', `${OLD_BASE}%`)
          .whereNull('redirect_id'),
      ).toEqual([]);
      const refused = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId })
        .whereLike('reason', '%redirect from%');
      expect(refused).toEqual([]);
      expect(countOf(h, 'PUT', /^\/articles\//)).toBe(puts);
      expect(countOf(h, 'GET', /\/redirects$/)).toBeGreaterThanOrEqual(2);
      expectCleanIntercomTraffic(h.intercom);
    },
  );
});

describe('Freshdesk solutions: links to articles, folders and categories', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20 });
    await h.startRunner();
  });
  afterAll(async () => h?.close());

  it(
    'when the solutions are migrated without redirects, then no link into the old portal is left and the map has no redirects',
    { timeout: 120_000 },
    async () => {
      const migrationId = await h.newMigration({ entities: ['articles'] });
      const status = await h.run(migrationId, 'full', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      expect(status.verification).toMatchObject({ mismatched: 0 });
      expectCleanIntercomTraffic(h.intercom);
      const hrefs = hrefsOf(h.intercom.state.articles.values());
      expect(hrefs.filter((x) => x.includes('/support/solutions/'))).toEqual([]);
      expect(hrefs.filter((x) => x.startsWith('http://intercom.test/help/')).length).toBeGreaterThan(3);
      expect(h.intercom.state.redirects.size).toBe(0);
      const map = await h.db.knex('kb_url_map').where({ migration_id: migrationId });
      expect(map.length).toBeGreaterThan(0);
      expect(map.every((r: { redirect_id: string | null }) => r.redirect_id === null)).toBe(true);
      expect(
        map.some((r: { old_url: string }) => /\/support\/solutions\/folders\/\d+$/.test(r.old_url)),
      ).toBe(true);
    },
  );
});

async function lastRunId(h: EngineHarness, migrationId: string): Promise<string | undefined> {
  const row = await h.db
    .knex('runs')
    .where({ migration_id: migrationId })
    .orderBy('created_at', 'desc')
    .first<{ id: string }>('id');
  return row?.id;
}
