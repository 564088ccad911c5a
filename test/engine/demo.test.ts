import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from '../../src/sandbox/intercom/index.js';
import { startEngineHarness, type EngineHarness } from './harness.js';

describe('demo run (Freshdesk → Intercom emulator)', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 40 });
    await h.startRunner();
  });
  afterAll(async () => h?.close());

  it(
    'when a demo runs, then exactly 20 tickets reach Intercom with the contacts they need',
    { timeout: 90_000 },
    async () => {
      const migrationId = await h.newMigration();
      const status = await h.run(migrationId, 'demo');
      expect(status.lastError).toBeNull();
      expect(status.status).toBe('completed');
      expect(status.counters.tickets?.total).toBe(20);
      expect(h.intercom.state.tickets.size).toBe(status.counters.tickets?.migrated);
      expectNoViolations(h.intercom);
      expect(h.intercom.state.unsilencedWrites).toEqual([]);
    },
  );
});
