// Retention on the console (issue 15 §2): the overview says until when the source data and credentials are
// kept, or what was wiped when (English and German); credentials entered again after the wipe are kept for
// one more retention period, never for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSchema } from '../../src/jobs/runner/index.js';
import { scheduleRetention } from '../../src/jobs/tasks/retention.js';
import { SANDBOX_SOURCE } from '../../src/sandbox/inbox/environment.js';
import * as preferences from '../../src/db/repositories/admin-preferences.js';
import { compact, INSTALLER, startConsoleHarness, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness('zendesk');
  await installSchema(h.db.url);
});
afterAll(async () => h?.close());

const DUE = new Date('2026-12-09T10:00:00Z');
const overview = async () => compact((await (await h.session(h.a.workspaceId)).get('/console')).text);
const good = { subdomain: SANDBOX_SOURCE.subdomain, ...SANDBOX_SOURCE.zendesk };

describe('retention on the console overview', () => {
  it('when nothing completed yet, then no date is promised', async () => {
    expect(await overview()).not.toContain('id="retention"');
  });

  it('when a date is set, then the overview says until when the source data is kept; after the wipe, what was wiped when, in German too', async () => {
    await scheduleRetention(h.db.knex, h.a.migrationId, DUE);
    expect(await overview()).toContain(
      'Source data and credentials are kept until Dec 9, 2026 (UTC): until then, verify in Intercom and run deltas. Then the source credentials, staged source data and stored attachment files will be wiped; the ledger and reports stay.',
    );
    await h.db
      .knex('migrations')
      .where({ id: h.a.migrationId })
      .update({ status: 'archived', source_credentials_enc: null, wiped_at: DUE });
    expect(await overview()).toContain(
      'Archived on Dec 9, 2026 (UTC): the source credentials, staged source data and stored attachment files were wiped; the ledger and reports stay.',
    );
    await preferences.setLocale(h.db.knex, h.a.workspaceId, INSTALLER, 'de');
    try {
      expect(await overview()).toContain('Archiviert am 09.12.2026 (UTC): Die Zugangsdaten der Quelle');
    } finally {
      await preferences.setLocale(h.db.knex, h.a.workspaceId, INSTALLER, null);
    }
  });

  it('when the credentials are entered again after the wipe, then they are kept for one more retention period', async () => {
    const agent = await h.session(h.a.workspaceId);
    const before = Date.now();
    expect((await agent.post('/console/credentials').type('form').send(good)).status).toBe(200);
    const m = await h.migration(h.a.workspaceId, h.a.migrationId);
    expect(m.source_credentials_enc).not.toBeNull();
    // Five days (the default) from the reconnect: the clock is the request's, so a window around it.
    const days = (m.archive_at!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(5);
    expect(days).toBeLessThan(5.01);
    const [job] = await h.db
      .knex('graphile_worker.jobs')
      .where({ key: `retention:${h.a.migrationId}` })
      .select('run_at');
    expect(job).toEqual({ run_at: m.archive_at });
    expect(await overview()).toContain('Source data and credentials are kept until');
  });
});
