import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WindowSample } from '../../src/engine/stage-window.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCountsAddUp, expectEachTicketOnce, expectNoDoubledParts } from './checks.js';

// Intercom answering with jittered latency (writes 5–35 ms, reads 0–10 ms): answers come back out of the
// order they were asked in, so only the engine's own sequencing keeps a ticket's parts in order.
const JITTERED = {
  write: { fixedMs: 20, jitterMs: 15 },
  attachment: { fixedMs: 30, jitterMs: 20 },
  read: { fixedMs: 5, jitterMs: 5 },
  search: { fixedMs: 5, jitterMs: 5 },
};

describe('records in flight sized from latency and the budget', () => {
  let h: EngineHarness;
  const samples: WindowSample[] = [];
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 40, ticketConcurrency: 64 });
    h.intercom.setLatency(JITTERED);
    h.deps.onWindow = (s) => void samples.push(s);
    await h.startRunner();
  });
  afterAll(async () => h?.close());

  it(
    'when Intercom answers slowly with jitter and the window grows large, then each ticket is still written strictly in order: create, parts in source order, then its state',
    { timeout: 180_000 },
    async () => {
      const migrationId = await h.newMigration();
      const status = await h.run(migrationId, 'full', 170_000);
      expect(status.lastError).toBeNull();
      expect(status.status).toBe('completed');
      await expectCountsAddUp(h.db.knex, status);
      await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'freshdesk', 'tickets');
      expectNoDoubledParts(h.intercom);

      // The window grew past the old fixed sizes (16 tickets, 8 records) without being told to.
      const tickets = samples.filter((s) => s.entity === 'tickets');
      expect(Math.max(...tickets.map((s) => s.inFlight))).toBeGreaterThan(16);

      // Parts: each ticket's comments, in source order, are its parts in that order.
      const ledger = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'comments', status: 'migrated' })
        .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id');
      const partOf = new Map(ledger.map((r) => [r.source_id, r.target_id]));
      const ticketRows = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'tickets', status: 'migrated' })
        .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id');
      const byTarget = new Map(ticketRows.map((r) => [r.source_id, r.target_id]));
      let checked = 0;
      for (let i = 0; i < h.account.size.tickets; i++) {
        const target = byTarget.get(h.account.ticket(i).id);
        if (!target) continue;
        const partIds = h.intercom.state.tickets.get(target)!.parts.map((p) => p.id);
        const positions = h.account
          .comments(i)
          .map((c) => partOf.get(c.id))
          .filter((id): id is string => id !== undefined)
          .map((id) => partIds.indexOf(id));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        checked += positions.length;
      }
      expect(checked).toBeGreaterThan(100);

      // State last: no reply reaches a ticket after the update that set its state.
      const requests = h.intercom.state.requests.filter((r) => r.status < 300);
      let stateChecked = 0;
      for (const target of byTarget.values()) {
        const replies = requests.flatMap((r, i) => (r.path === `/tickets/${target}/reply` ? [i] : []));
        const updates = requests.flatMap((r, i) =>
          r.method === 'PUT' && r.path === `/tickets/${target}` ? [i] : [],
        );
        if (replies.length === 0 || updates.length === 0) continue;
        expect(Math.min(...updates)).toBeGreaterThan(Math.max(...replies));
        stateChecked++;
      }
      expect(stateChecked).toBeGreaterThan(10);
    },
  );

  it(
    'when the memory in use is past the memory ceiling, then records go one at a time and the run still completes',
    { timeout: 180_000 },
    async () => {
      samples.length = 0;
      h.intercom.setLatency({}); // what is measured here is the window, not the latency
      h.deps.memoryCeilingBytes = 1;
      h.deps.memoryUsed = () => 2;
      try {
        const migrationId = await h.newMigration({}, 'under-memory-pressure');
        const status = await h.run(migrationId, 'full', 170_000);
        expect(status.status).toBe('completed');
        await expectCountsAddUp(h.db.knex, status);
        expect(samples.filter((s) => s.entity === 'tickets').length).toBeGreaterThan(0);
        expect(samples.every((s) => s.window === 1)).toBe(true);
        // A record starts only once none is in flight: never two at once.
        expect(Math.max(...samples.map((s) => s.inFlight))).toBeLessThanOrEqual(1);
      } finally {
        delete h.deps.memoryCeilingBytes;
        delete h.deps.memoryUsed;
      }
    },
  );
});
