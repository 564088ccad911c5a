// Issue 15 §3: with the option "Rewrite help-center links in ticket comments" on, a link in a ticket comment
// to a migrated article leads to its Intercom address (the articles stage now runs before the tickets stage);
// a link to an article that was not migrated stays and is reported on the ticket's line; with the option off
// nothing changes; verification finds no mismatch either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSettings } from '../../src/db/repositories/migrations.js';
import { getMigration, settingsOf } from '../../src/engine/context.js';
import { verificationRows } from '../../src/engine/verify-results.js';
import type { Obj } from '../../src/sandbox/intercom/state.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCleanIntercomTraffic, expectCountsAddUp } from './checks.js';

const TICKET = 0;
// Relative in the source: the emulator, as Zendesk does, shows it on the help center's host.
const GONE = '/hc/en-us/articles/987654-Gone';

describe('Zendesk: help-center links in ticket comments', () => {
  let h: EngineHarness;
  let migrationId: string;
  let articleId: string;
  /**
   * Adds an agent's public comment linking to a migrated article (with a query and an anchor) and to one the
   * old help center no longer has. An agent's: a contact's reply is plain text in Intercom, links and all.
   */
  function addLinkedComment(): string {
    const id = h.account.addComment(TICKET, 'See the guide or the old page.');
    const agent = h.account.agents().find((a) => a.active)!;
    const html =
      `<p>See <a href="${h.zendesk!.url}/hc/en-us/articles/${articleId}-Setting-up?utm=x#steps">the guide</a>` +
      ` or <a href="${GONE}">the old page</a>.</p>`;
    const comments = h.account.comments;
    h.account.comments = (i) =>
      comments(i).map((c) =>
        c.id === id ? { ...c, authorId: agent.id, authorRole: 'agent' as const, html } : c,
      );
    h.zendesk!.reindex(); // the emulator's exports list the comment from now on
    return id;
  }

  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20, zendesk: { exportPerMinute: 700 } });
    await h.startRunner();
    articleId = h.account.articles()[0]!.id;
    migrationId = await h.newMigration({ options: { rewriteCommentLinks: false } });
  });
  afterAll(async () => h?.close());

  /** The Intercom part written for a source comment, with the ticket's ledger reason. */
  async function written(
    commentId: string,
    migration = migrationId,
  ): Promise<{ body: string; ticketReason: string | null }> {
    const part = await h.db
      .knex('ledger')
      .where({ migration_id: migration, entity: 'parts', source_id: `comment:${commentId}` })
      .first<{ target_id: string; parent_source_id: string }>('target_id', 'parent_source_id');
    expect(part?.target_id, `part of comment ${commentId}`).toBeTruthy();
    const ticketRow = await h.db
      .knex('ledger')
      .where({ migration_id: migration, entity: 'tickets', source_id: part!.parent_source_id })
      .first<{ target_id: string; reason: string | null }>('target_id', 'reason');
    const ticket = h.intercom.state.tickets.get(ticketRow!.target_id)!;
    const found = ticket.parts.find((p) => p.id === part!.target_id) as (Obj & { body?: string }) | undefined;
    return { body: String(found?.body ?? ''), ticketReason: ticketRow!.reason };
  }

  async function articleUrl(migration = migrationId): Promise<string> {
    const row = await h.db
      .knex('ledger')
      .where({ migration_id: migration, entity: 'articles', source_id: articleId })
      .first<{ target_id: string }>('target_id');
    return String(h.intercom.state.articles.get(row!.target_id)!.url);
  }

  it(
    'when the option is off, then a comment keeps its links to the old help center and the ticket reports none',
    { timeout: 120_000 },
    async () => {
      const commentId = addLinkedComment();
      const status = await h.run(migrationId, 'full', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      expect(status.verification).toMatchObject({ mismatched: 0 });
      const { body, ticketReason } = await written(commentId);
      expect(body).toContain(`${h.zendesk!.url}/hc/en-us/articles/${articleId}-Setting-up?utm=x#steps`);
      expect(body).toContain(`href="${h.zendesk!.url}${GONE}"`);
      expect(body).not.toContain(await articleUrl());
      expect(ticketReason ?? '').not.toContain('not rewritten');
    },
  );

  it(
    'when the option is on, then a new comment links to the migrated article in Intercom, the link to an article never migrated stays and is on the ticket line, and verification is clean',
    { timeout: 120_000 },
    async () => {
      const m = (await getMigration(h.db.knex, migrationId))!;
      const settings = settingsOf(m);
      await updateSettings(h.db.knex, m.workspace_id, migrationId, {
        ...settings,
        options: { ...settings.options, rewriteCommentLinks: true },
      });
      const commentId = addLinkedComment();
      const status = await h.run(migrationId, 'delta', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      await expectCountsAddUp(h.db.knex, status);
      expectCleanIntercomTraffic(h.intercom);
      // Verification expects the rewritten links (the earlier part, written with the option off, too).
      expect(await verificationRows(h.db.knex, status.runId, 'mismatch', { limit: 5 })).toEqual([]);
      expect(status.verification).toMatchObject({ mismatched: 0 });

      const { body, ticketReason } = await written(commentId);
      // The anchor stays, the old help center's query goes, as for links between articles.
      expect(body).toContain(`href="${await articleUrl()}#steps"`);
      expect(body).not.toContain(`/hc/en-us/articles/${articleId}`);
      expect(body).toContain(`href="${h.zendesk!.url}${GONE}"`);
      expect(ticketReason).toContain(
        `link ${h.zendesk!.url}${GONE} in comment ${commentId} (old article 987654) not rewritten: not migrated`,
      );
      // The part's row keeps the hash of the links it was written with (verification expects them there);
      // the part written with the option off has none (its old links are not expected to have changed).
      const hashes = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'parts' })
        .whereNotNull('source_hash')
        .pluck<string[]>('source_id');
      expect(hashes).toEqual([`comment:${commentId}`]);
    },
  );

  it(
    'when the option is on from the first full run, then the articles stage has run before the tickets and the comment links to the article in Intercom',
    { timeout: 120_000 },
    async () => {
      const commentId = addLinkedComment();
      const fresh = await h.newMigration({ options: { rewriteCommentLinks: true } });
      const status = await h.run(fresh, 'full', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      expect(status.verification).toMatchObject({ mismatched: 0 });
      const { body, ticketReason } = await written(commentId, fresh);
      expect(body).toContain(`href="${await articleUrl(fresh)}#steps"`);
      expect(ticketReason).toContain(`link ${h.zendesk!.url}${GONE} in comment ${commentId}`);
    },
  );
});
