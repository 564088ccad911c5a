// Progress of a run on stderr: a bar per entity, redrawn in place, when stderr is a terminal; otherwise plain
// lines (one per entity whose counters moved, at most every few seconds) that read well in a log.
import { stageName } from '../../canvas/i18n/stages.js';
import type { RunStatusView } from '../app/runs.js';
import type { EntityCounters } from '../engine/progress.js';

export interface ProgressDisplay {
  update(status: RunStatusView): void;
  /** Draws the final state (always, even when throttled) and leaves the cursor below it. */
  finish(status: RunStatusView): void;
}

interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const BAR = 24;

function done(c: EntityCounters): number {
  return c.migrated + c.failed + c.skipped;
}

/**
 * "skipped 1", or "skipped 2, 1 of them deleted in the source": those count in total but not in the
 * source's available count, so a total above it is explained where it is printed.
 */
export function skippedText(c: EntityCounters): string {
  const deleted = c.deletedInSource > 0 ? `, ${c.deletedInSource} of them deleted in the source` : '';
  return `skipped ${c.skipped}${deleted}`;
}

/** "migrated 10" or "migrated 10 (3 with losses, see migrated.csv)". */
export function migratedText(c: EntityCounters): string {
  const lossy = c.migratedWithLosses > 0 ? ` (${c.migratedWithLosses} with losses, see migrated.csv)` : '';
  return `migrated ${c.migrated}${lossy}`;
}

/** "tickets      12/20 migrated 10, failed 1, skipped 1" */
export function counterText(entity: string, c: EntityCounters): string {
  return `${entity.padEnd(12)} ${String(done(c)).padStart(6)}/${String(c.total).padEnd(6)} ${migratedText(c)}, failed ${c.failed}, ${skippedText(c)}`;
}

function bar(c: EntityCounters): string {
  const share = c.total > 0 ? Math.min(1, done(c) / c.total) : 0;
  const filled = Math.round(share * BAR);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.round(share * 100)).padStart(3)}%`;
}

function shown(status: RunStatusView): [string, EntityCounters][] {
  return Object.entries(status.counters).filter(([, c]) => c.total > 0 || done(c) > 0);
}

export function createProgress(sink: Sink, options: { intervalMs?: number } = {}): ProgressDisplay {
  return sink.isTTY ? terminalProgress(sink) : lineProgress(sink, options.intervalMs ?? 2000);
}

function terminalProgress(sink: Sink): ProgressDisplay {
  let drawn = 0;
  const draw = (status: RunStatusView) => {
    const lines = [
      `stage: ${status.stage ? stageName(status.stage) : '-'} (${status.status})`,
      ...shown(status).map(([entity, c]) => `${bar(c)} ${counterText(entity, c)}`),
    ].map((l) => l.slice(0, Math.max(20, (sink.columns ?? 120) - 1)));
    let out = drawn > 0 ? `\x1b[${drawn}A` : '';
    for (const l of lines) out += `\x1b[2K${l}\n`;
    sink.write(out);
    drawn = lines.length;
  };
  return { update: draw, finish: draw };
}

function lineProgress(sink: Sink, intervalMs: number): ProgressDisplay {
  const last = new Map<string, string>();
  let lastStage: string | null = null;
  let lastAt = 0;
  const print = (status: RunStatusView, force: boolean) => {
    const now = Date.now();
    if (!force && now - lastAt < intervalMs && status.stage === lastStage) return;
    if (status.stage !== lastStage) {
      sink.write(`stage: ${status.stage ? stageName(status.stage) : '-'}\n`);
      lastStage = status.stage;
    }
    for (const [entity, c] of shown(status)) {
      const text = counterText(entity, c);
      if (last.get(entity) === text) continue;
      last.set(entity, text);
      sink.write(`progress: ${text}\n`);
    }
    lastAt = now;
  };
  return { update: (s) => print(s, false), finish: (s) => print(s, true) };
}
