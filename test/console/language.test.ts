// The console's language: the teammate's own choice (made in the canvas), else the locale the canvas's signed
// link carries, else Accept-Language, else English; and "completed" only once a full migration completed.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLink } from '../../src/app/console-link.js';
import * as preferences from '../../src/db/repositories/admin-preferences.js';
import { syncMigrationStatus } from '../../src/engine/run-state.js';
import { CONSOLE_MESSAGES, fromAcceptLanguage } from '../../src/console/i18n.js';
import {
  compact,
  INSTALLER,
  PUBLIC_URL,
  SECRET,
  startConsoleHarness,
  type ConsoleHarness,
} from './harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h?.close());

/** A session from a link carrying `locale`, then the overview with that Accept-Language. */
async function overview(o: { locale?: string; accept?: string; adminId?: string }) {
  const agent = request.agent(h.app);
  const claims = {
    workspaceId: h.a.workspaceId,
    adminId: o.adminId ?? INSTALLER,
    ...(o.locale ? { locale: o.locale } : {}),
  };
  const url = new URL(consoleLink(PUBLIC_URL, SECRET, claims));
  expect((await agent.get(`${url.pathname}${url.search}`)).status).toBe(303);
  const res = await agent.get('/console').set('accept-language', o.accept ?? '');
  expect(res.status).toBe(200);
  return compact(res.text);
}

describe('console language', () => {
  it('when the canvas link carries de, then the console is German (navigation, title, overview)', async () => {
    const page = await overview({ locale: 'de' });
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Zugangsdaten der Quelle');
    expect(page).toContain('<h1>Übersicht</h1>');
    expect(page).toContain('Noch kein Lauf');
  });

  it('when the link carries no locale, then Accept-Language decides; unknown languages read English', async () => {
    expect(await overview({ accept: 'fr-FR,de;q=0.8,en;q=0.5' })).toContain('<html lang="de">');
    expect(await overview({ accept: 'fr-FR' })).toContain('<html lang="en">');
    expect(fromAcceptLanguage('en;q=0.2, de-AT;q=0.9')).toBe('de');
    expect(fromAcceptLanguage('de;q=0')).toBeNull();
  });

  it("when the teammate chose English in the canvas, then it wins over the link's de", async () => {
    await preferences.setLocale(h.db.knex, h.a.workspaceId, INSTALLER, 'en');
    try {
      expect(await overview({ locale: 'de', accept: 'de' })).toContain('<html lang="en">');
    } finally {
      await preferences.setLocale(h.db.knex, h.a.workspaceId, INSTALLER, null);
    }
  });

  it('when a reader opens the console in German, then the read-only notice is German and names the installer', async () => {
    const page = await overview({ locale: 'de', adminId: '5005' });
    expect(page).toContain('Ändern können sie nur ihre Betreuer');
    expect(page).toContain(`(${INSTALLER})`);
  });

  it('when the German table is read, then it has every English key', () => {
    expect(Object.keys(CONSOLE_MESSAGES.de).sort()).toEqual(Object.keys(CONSOLE_MESSAGES.en).sort());
  });
});

describe('console dates', () => {
  it('when the reports list runs, then their times read in the locale, never as ISO strings', async () => {
    const at = new Date('2026-12-01T10:05:00Z');
    await h.db.knex('runs').insert({
      migration_id: h.a.migrationId,
      kind: 'demo',
      status: 'completed',
      created_at: at,
      finished_at: at,
    });
    try {
      const agent = request.agent(h.app);
      const url = new URL(
        consoleLink(PUBLIC_URL, SECRET, { workspaceId: h.a.workspaceId, adminId: INSTALLER, locale: 'de' }),
      );
      await agent.get(`${url.pathname}${url.search}`);
      const page = compact((await agent.get('/console/reports')).text);
      expect(page).toContain(
        '<time datetime="2026-12-01T10:05:00.000Z" data-local>01.12.2026, 10:05 UTC</time>',
      );
      expect(page.replace(/datetime="[^"]*"/g, '')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(page).toContain('/console/static/local-time.js');
    } finally {
      await h.db.knex('runs').where({ migration_id: h.a.migrationId }).delete();
    }
  });
});

describe('console status', () => {
  it('when only a demo completed, then the migration is "demo done"; a full run completes it, and a demo after it does not undo that', async () => {
    const run = async (kind: 'demo' | 'full') => {
      const [row] = await h.db
        .knex('runs')
        .insert({ migration_id: h.a.migrationId, kind, status: 'completed' })
        .returning<{ id: string }[]>('id');
      await syncMigrationStatus(h.db.knex, row!.id);
    };
    const status = async () =>
      (await h.db.knex('migrations').where({ id: h.a.migrationId }).first<{ status: string }>('status'))
        .status;
    try {
      await run('demo');
      expect(await status()).toBe('demo_done');
      expect(await overview({})).toMatch(/id="migration-status">demo done, full migration not started</);
      expect(await overview({ locale: 'de' })).toMatch(/id="migration-status">Demo fertig, vollständige/);
      await run('full');
      expect(await status()).toBe('completed');
      expect(await overview({})).toMatch(/id="migration-status">completed</);
      await run('demo');
      expect(await status()).toBe('completed');
    } finally {
      await h.db.knex('runs').where({ migration_id: h.a.migrationId }).delete();
      await h.db.knex('migrations').where({ id: h.a.migrationId }).update({ status: 'draft' });
    }
  });
});
