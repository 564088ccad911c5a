import { stageName } from '../../canvas/i18n/stages.js';
import { describe, expect, it } from 'vitest';
import type { RunStatusView } from '../../src/app/runs.js';
import { counterText, createProgress } from '../../src/cli/progress.js';

function status(migrated: number, stage: RunStatusView['stage'] = 'tickets'): RunStatusView {
  return {
    runId: 'r',
    migrationId: 'm',
    kind: 'demo',
    status: 'running',
    stage,
    pauseReason: null,
    lastError: null,
    startedAt: null,
    finishedAt: null,
    counters: {
      tickets: {
        available: 30,
        total: 20,
        migrated,
        failed: 1,
        skipped: 0,
        deletedInSource: 0,
        migratedWithLosses: 0,
      },
      articles: {
        available: 5,
        total: 0,
        migrated: 0,
        failed: 0,
        skipped: 0,
        deletedInSource: 0,
        migratedWithLosses: 0,
      },
    },
  };
}

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, isTTY, columns: 100, write: (t: string) => void out.push(t) };
}

describe('progress on stderr', () => {
  it('when stderr is a terminal, then a bar per entity with work is redrawn in place', () => {
    const s = sink(true);
    const p = createProgress(s);
    p.update(status(4));
    p.update(status(9));
    expect(s.out[0]).toContain('[#####');
    expect(s.out[0]).toContain('tickets');
    expect(s.out[0]).not.toContain('articles');
    expect(s.out[1]!.startsWith('\x1b[2A')).toBe(true);
    expect(s.out[1]).toContain('10/20');
  });

  it('when stderr is not a terminal, then plain lines come only when counters move, at most once per interval', () => {
    const s = sink(false);
    const p = createProgress(s, { intervalMs: 60_000 });
    p.update(status(4));
    p.update(status(5));
    p.finish(status(5));
    p.finish(status(5));
    const text = s.out.join('');
    expect(text).not.toContain('\x1b');
    expect(text.match(/^progress: tickets/gm)).toHaveLength(2);
    expect(text).toContain('stage: Tickets\n');
    expect(text).toMatch(/progress: tickets +6\/20 +migrated 5, failed 1, skipped 0\n$/);
  });

  it('when Zendesk’s export reported tickets deleted in the source, then the line says so where it counts the skipped', () => {
    // 60 in hand against 59 available: the deleted one is skipped and counts in total, not in available.
    const line = counterText('tickets', {
      available: 59,
      total: 60,
      migrated: 58,
      failed: 0,
      skipped: 2,
      deletedInSource: 1,
      migratedWithLosses: 0,
    });
    expect(line).toMatch(/60\/60 +migrated 58, failed 0, skipped 2, 1 of them deleted in the source$/);
  });

  it('when records arrived with something left off, then the line counts them among the migrated', () => {
    const line = counterText('tickets', {
      available: 59,
      total: 59,
      migrated: 59,
      failed: 0,
      skipped: 0,
      deletedInSource: 0,
      migratedWithLosses: 45,
    });
    expect(line).toMatch(/migrated 59 \(45 with losses, see migrated.csv\), failed 0, skipped 0$/);
  });

  it('when the run is in its reference stage, then the CLI names it as the canvas and the console do', () => {
    const s = sink(false);
    createProgress(s, { intervalMs: 60_000 }).update(status(4, 'reference'));
    expect(s.out.join('')).toContain(`stage: ${stageName('reference')}\n`);
    expect(stageName('reference')).toBe('Teammates, teams and attributes');
  });
});
