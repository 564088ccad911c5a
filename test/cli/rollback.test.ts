// `ferry rollback` against the Zendesk and Intercom emulators: it asks before deleting (and refuses without a
// terminal unless --yes), deletes what the run created, writes rolled_back.csv, and a later migrate creates
// everything again.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/report/csv.js';
import { expectNoViolations } from '../../src/sandbox/intercom/index.js';
import { startCliWorld, type CliWorld } from './world.js';

const MIGRATION = 'rollback-cli';

describe('ferry rollback against the Zendesk and Intercom emulators', () => {
  let w: CliWorld;
  const rollbackArgs = (extra: string[] = []) => [
    'rollback',
    '--migration',
    MIGRATION,
    '--to-url',
    w.intercom.url,
    '--to-token',
    w.intercom.accessToken,
    ...extra,
  ];
  beforeAll(async () => {
    w = await startCliWorld({ tickets: 20 });
  });
  afterAll(async () => w?.close());

  it('when the arguments are wrong, then it exits 2 with the usage', async () => {
    const r = await w.ferry(['rollback', '--run', 'not-a-uuid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--migration is required/);
    expect(r.stderr).toMatch(/Usage: ferry rollback/);
  });

  it(
    'when a full run is rolled back, then without --yes nothing is deleted (exit 2), with --yes every created object is gone (exit 0, rolled_back.csv), and migrate creates them again',
    { timeout: 300_000 },
    async () => {
      const run = await w.ferry(w.zendeskArgs(['--migration', MIGRATION]));
      expect(run.code, run.stderr).toBe(0);
      const tickets = w.intercom.state.tickets.size;
      expect(tickets).toBeGreaterThan(10);

      const asked = await w.ferry(rollbackArgs());
      expect(asked.code).toBe(2);
      expect(asked.stdout).toMatch(new RegExp(`^  tickets: ${tickets} to delete$`, 'm'));
      expect(asked.stdout).toMatch(/^ {2}contacts: \d+ to delete/m);
      expect(asked.stderr).toMatch(/give --yes/);
      expect(w.intercom.state.tickets.size).toBe(tickets);

      const dir = path.join(w.dataDir, 'rollback');
      const done = await w.ferry(rollbackArgs(['--yes', '--report', dir]));
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(
        new RegExp(`^tickets: ${tickets} deleted · 0 archived · 0 kept · 0 failed$`, 'm'),
      );
      expect(w.intercom.state.tickets.size).toBe(0);
      expect(w.intercom.state.contacts.size).toBe(0);
      expect(w.intercom.state.companies.size).toBe(0);
      expect(w.intercom.state.tags.size).toBe(0);
      expectNoViolations(w.intercom);
      const csv = parseCsv(await readFile(path.join(dir, 'rolled_back.csv'), 'utf8'));
      expect(csv[0]).toEqual(['entity', 'source_id', 'target_id', 'status', 'reason']);
      const rows = csv.slice(1);
      expect(rows.filter((r) => r[0] === 'tickets' && r[3] === 'deleted')).toHaveLength(tickets);
      expect(rows.filter((r) => r[3] === 'failed')).toEqual([]);
      expect(rows.some((r) => r[0] === 'contact_attributes' && r[3] === 'archived' && r[4])).toBe(true);

      // Nothing left to roll back: the plan says so and the command ends at once.
      const again = await w.ferry(rollbackArgs(['--yes']));
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/there is nothing to roll back/);

      const rerun = await w.ferry(w.zendeskArgs(['--migration', MIGRATION]));
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stdout).toMatch(/^Verified: \d+ matched · 0 mismatched/m);
      expect(w.intercom.state.tickets.size).toBe(tickets);
    },
  );
});
