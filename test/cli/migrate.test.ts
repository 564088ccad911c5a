import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCountsAddUp, expectReportsMatchLedger, footprint, readSummary } from './checks.js';
import { startCliWorld, type CliWorld } from './world.js';

describe('ferry migrate: usage and credentials', () => {
  let w: CliWorld;
  beforeAll(async () => {
    w = await startCliWorld();
  });
  afterAll(async () => w?.close());

  it.each([
    ['--from is missing', ['migrate', '--from-url', 'http://127.0.0.1:1']],
    [
      '--demo and --delta are combined',
      [
        'migrate',
        '--from',
        'freshdesk',
        '--from-url',
        'http://127.0.0.1:1',
        '--from-key',
        'k',
        '--to-token',
        't',
        '--demo',
        '--delta',
      ],
    ],
  ])('when %s, then it exits 2 with the message and the usage on stderr', async (_case, args) => {
    const r = await w.ferry(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ferry: .+\n/);
    expect(r.stderr).toContain('Usage: ferry migrate');
  });

  it('when the source credentials are wrong, then it exits 1 with one clear line and starts no run', async () => {
    const args = w.zendeskArgs(['--demo']);
    args[args.indexOf('--from-token') + 1] = 'wrong-token';
    const r = await w.ferry(args);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ferry: .*Zendesk/);
    expect(await w.db.knex('runs').count<{ n: string }[]>('* as n')).toEqual([{ n: '0' }]);
  });

  it('when the Intercom token is wrong, then it exits 1 with one line naming Intercom', async () => {
    const args = w.zendeskArgs(['--demo']);
    args[args.indexOf('--to-token') + 1] = 'not-a-token';
    const r = await w.ferry(args);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^ferry: .*Intercom/);
  });
});

describe('ferry migrate --demo against the Zendesk emulator', () => {
  let w: CliWorld;
  beforeAll(async () => {
    w = await startCliWorld();
  });
  afterAll(async () => w?.close());

  it(
    'when a demo runs with --report, then it exits 0, 20 tickets are reported and the CSVs are the ledger; run again, Intercom gains nothing',
    { timeout: 240_000 },
    async () => {
      const dir = path.join(w.dataDir, 'report-1');
      const first = await w.ferry(w.zendeskArgs(['--demo', '--report', dir]));
      expect(first.code, first.stderr).toBe(0);
      const summary = await readSummary(dir);
      expect(summary.run).toBe('demo');
      expect(summary.migration).toBe(
        `zendesk ${new URL(w.zendesk.url).host} → ${new URL(w.intercom.url).host}`,
      );
      expect(summary.entities.tickets!.total).toBe(20);
      expect(summary.entities.tickets!.migrated).toBeGreaterThan(10);
      expectCountsAddUp(summary);
      await expectReportsMatchLedger(w.db.knex, dir, summary.runId);
      expect(w.intercom.state.tickets.size).toBe(summary.entities.tickets!.migrated);

      const before = footprint(w.intercom);
      const again = path.join(w.dataDir, 'report-2');
      const second = await w.ferry(w.zendeskArgs(['--demo', '--report', again]));
      expect(second.code, second.stderr).toBe(0);
      expect(footprint(w.intercom)).toEqual(before);
      const rerun = await readSummary(again);
      expect(rerun.runId).not.toBe(summary.runId);
      expect(rerun.entities.tickets!.total).toBe(20);
      expectCountsAddUp(rerun);
      await expectReportsMatchLedger(w.db.knex, again, rerun.runId);

      // `ferry report` writes the same reports again from the ledger.
      const later = path.join(w.dataDir, 'report-3');
      const report = await w.ferry(['report', '--migration', rerun.migration, '--report', later]);
      expect(report.code, report.stderr).toBe(0);
      expect(await readSummary(later)).toEqual(rerun);
      await expectReportsMatchLedger(w.db.knex, later, rerun.runId);
      const earlier = path.join(w.dataDir, 'report-4');
      const first2 = await w.ferry([
        'report',
        '--migration',
        rerun.migration,
        '--run',
        summary.runId,
        '--report',
        earlier,
      ]);
      expect(first2.code, first2.stderr).toBe(0);
      // The rerun took the first demo's records in hand again; the first demo's report is still what it
      // wrote when it ended (the outcomes it kept), not the ledger's few rows that still name it.
      expect(first2.stderr).not.toContain('a later run of this migration exists');
      expect(await readSummary(earlier)).toEqual(summary);
      for (const status of ['migrated', 'failed', 'skipped'])
        expect(await readFile(path.join(earlier, `${status}.csv`), 'utf8')).toBe(
          await readFile(path.join(dir, `${status}.csv`), 'utf8'),
        );
    },
  );
});

describe('ferry migrate --target conversations against Intercom 2.16', () => {
  let w: CliWorld;
  beforeAll(async () => {
    w = await startCliWorld();
  });
  afterAll(async () => w?.close());

  it(
    'when a demo targets conversations, then the fields are matched against GET /conversations/attributes (2.16 answers model=conversation with 422) and the conversations are written',
    { timeout: 240_000 },
    async () => {
      const dir = path.join(w.dataDir, 'conversations');
      const r = await w.ferry(w.zendeskArgs(['--demo', '--target', 'conversations', '--report', dir]));
      expect(r.code, r.stderr).toBe(0);
      const summary = await readSummary(dir);
      expect(summary.entities.tickets!.migrated).toBeGreaterThan(10);
      expectCountsAddUp(summary);
      expect(w.intercom.state.tickets.size).toBe(0);
      expect(w.intercom.state.conversations.size).toBe(summary.entities.tickets!.migrated);
      expect(w.intercom.state.violations).toEqual([]);
      expect(w.intercom.state.requests.filter((q) => q.status === 422)).toEqual([]);
      // The source's ticket fields were missing: created as conversation attributes, typed.
      const attributes = new Map(w.intercom.state.conversationAttributes.map((a) => [a.name, a.data_type]));
      expect(attributes.get('ferry_source_id')).toBe('string');
      expect([...attributes.values()]).toEqual(expect.arrayContaining(['boolean', 'decimal', 'list']));
    },
  );
});
