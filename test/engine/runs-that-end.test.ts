// Runs that end (issue 11 §5): a delta right after a run, and a source's refusal of a list call, end as a
// completed run or a run paused with the vendor's words; never as a run that keeps retrying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedFault } from '../../src/sandbox/zendesk/guards.js';
import { resumeRun, waitForRun } from '../../src/app/runs.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCountsAddUp, expectEachTicketOnce } from './checks.js';

describe('Zendesk runs that end', () => {
  let h: EngineHarness;
  let migrationId: string;
  const script: ScriptedFault[] = [];
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20, zendesk: { exportPerMinute: 10_000, faults: { script } } });
    await h.startRunner();
    migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      // From ticket 9 on: the 600-comment ticket (index 7) only slows this test down.
      filters: { createdFrom: h.account.ticket(8).createdAt },
    });
  });
  afterAll(async () => h?.close());

  it(
    'when a delta starts right after a full run, then its exports ask from a minute back and the delta completes (Zendesk refuses a start_time under a minute old)',
    { timeout: 60_000 },
    async () => {
      const full = await h.run(migrationId, 'full', 50_000);
      expect(full.status, full.lastError ?? '').toBe('completed');
      const delta = await h.run(migrationId, 'delta', 20_000);
      expect(delta.status, delta.lastError ?? delta.pauseReason ?? '').toBe('completed');
      expect(delta.lastError).toBeNull();
      await expectCountsAddUp(h.db.knex, delta);
      await expectEachTicketOnce(h.db.knex, h.intercom, migrationId, 'zendesk');
    },
  );

  it(
    'when Zendesk answers 400 to a list call, then the run pauses at once with Zendesk’s words, and resumes to completion once it answers',
    { timeout: 60_000 },
    async () => {
      const path = '/api/v2/ticket_fields';
      const calls = () =>
        Object.entries(h.zendesk!.stats.byPath)
          .filter(([p]) => p.startsWith(path))
          .reduce((n, [, c]) => n + c, 0);
      const before = calls();
      script.push({
        match: path,
        status: 400,
        body: { error: 'InvalidPaginationParameter', description: 'page[size] must be at most 100' },
        times: 1,
      });
      const paused = await h.run(migrationId, 'delta', 20_000);
      expect(paused.status).toBe('paused');
      expect(paused.pauseReason).toContain('Zendesk answered 400');
      expect(paused.pauseReason).toContain('page[size] must be at most 100');
      // Asked once: a client error is not retried.
      expect(calls() - before).toBe(1);
      await resumeRun(h.db.knex, paused.runId);
      const resumed = await waitForRun(h.db.knex, paused.runId, {
        pollMs: 100,
        signal: AbortSignal.timeout(20_000),
      });
      expect(resumed.status, resumed.lastError ?? resumed.pauseReason ?? '').toBe('completed');
    },
  );

  it(
    'when Zendesk answers 429 to a list call, then the call is retried after Retry-After and the run completes',
    { timeout: 60_000 },
    async () => {
      script.push({ match: '/api/v2/ticket_fields', status: 429, headers: { 'retry-after': '0' }, times: 2 });
      const delta = await h.run(migrationId, 'delta', 20_000);
      expect(delta.status, delta.lastError ?? delta.pauseReason ?? '').toBe('completed');
      expect(script.every((f) => f.times === 0)).toBe(true);
    },
  );
});
