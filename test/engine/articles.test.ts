import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCleanIntercomTraffic, expectCountsAddUp } from './checks.js';

describe('help-center collections and articles through lost answers', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 30 });
    await h.startRunner();
  });
  afterAll(async () => h?.close());

  it(
    'when Intercom applies a third of the writes and then answers 500, then each collection and article exists once',
    { timeout: 120_000 },
    async () => {
      const migrationId = await h.newMigration({ entities: ['articles'] });
      h.intercom.setFaults({ appliedThenServerError: 0.3 });
      const status = await h.run(migrationId, 'full', 110_000);
      h.intercom.setFaults({});
      // The faults did hit creations (so the reconcile, not luck, kept them single).
      const lost = h.intercom.state.requests.filter(
        (r) =>
          r.method === 'POST' && r.status === 500 && /^\/(articles|help_center\/collections)$/.test(r.path),
      );
      expect(lost.length).toBeGreaterThan(0);
      expect(status.status, status.lastError ?? '').toBe('completed');
      await expectCountsAddUp(h.db.knex, status);
      expectCleanIntercomTraffic(h.intercom);
      const migrated = async (entity: string) =>
        h.db
          .knex('ledger')
          .where({ migration_id: migrationId, entity, status: 'migrated' })
          .pluck<string[]>('target_id');
      const articles = await migrated('articles');
      const collections = await migrated('collections');
      expect(articles.length).toBeGreaterThan(0);
      expect(new Set(articles).size).toBe(articles.length);
      expect(h.intercom.state.articles.size).toBe(articles.length);
      expect(new Set(collections).size).toBe(collections.length);
      expect(h.intercom.state.collections.size).toBe(collections.length);
    },
  );
});
