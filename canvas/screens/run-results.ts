// A run's counts per entity, read the same way on the home card, the demo and the full run: total of
// available, then migrated / failed / skipped (DESIGN "Counting words": total = migrated + failed + skipped
// once the run is done; available is what the source holds, information only). Records the source reported
// deleted count in total but not in available ("Total 60 of 59" would read as an error): they are named.
import { list, listItem, text, type Component, type ListItem } from '../components.js';
import type { Texts } from '../i18n/index.js';
import { stageName } from '../i18n/stages.js';
import { REPORTED_ENTITIES } from '../../src/engine/run-outcomes.js';
import type { RunStage } from '../../src/engine/run-state.js';

// The engine's list: one place says which entities people are shown.
export { REPORTED_ENTITIES };
export type ReportedEntity = (typeof REPORTED_ENTITIES)[number];

export interface EntityCount {
  entity: ReportedEntity;
  available: number | null;
  total: number;
  migrated: number;
  failed: number;
  skipped: number;
  /** Of the skipped, those the source reported deleted (in total, never in available). */
  deletedInSource: number;
  /** Of the migrated, those that arrived with something left off (the reason is in migrated.csv). */
  migratedWithLosses?: number;
}

export type RunKind = 'demo' | 'full' | 'delta';
export type RunStatus = 'planned' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface RunView {
  id: string;
  kind: RunKind;
  status: RunStatus;
  /** Why it paused or failed (the engine's words). */
  reason?: string | null;
  counts: EntityCount[];
  /** Seconds left, estimated from the pace so far; null when unknown. */
  etaSeconds?: number | null;
  /** Console links to the run's CSV reports, one per ledger status. */
  reports?: { migrated: string; failed: string; skipped: string };
  /** The stage the run is in (named by canvas/i18n/stages.ts). */
  stage?: RunStage | null;
  /** What the verify stage read back from Intercom (absent until the run was verified). */
  verification?: { matched: number; mismatched: number; unverifiable: number } | null;
}

export const isActive = (run: RunView | null | undefined): boolean =>
  run !== null && run !== undefined && ['planned', 'running', 'paused'].includes(run.status);

/** Entities worth a row: those the run took in hand or the source holds. */
export function shownCounts(counts: readonly EntityCount[]): EntityCount[] {
  return counts.filter((c) => c.total > 0 || (c.available ?? 0) > 0);
}

/** "Total 20 of 59 available"; with deletions "Total 60: 59 of 59 available + 1 deleted in the source". */
export function totalText(tx: Texts, c: EntityCount): string {
  const { total, available, deletedInSource: deleted } = c;
  if (deleted > 0) {
    const present = Math.max(0, total - deleted);
    return available === null
      ? tx.t('count.total_only_with_deleted', { total, present, deleted })
      : tx.t('count.total_of_available_with_deleted', { total, present, available, deleted });
  }
  return available === null
    ? tx.t('count.total_only', { total })
    : tx.t('count.total_of_available', { total, available });
}

/** While a run goes, comments and attachments are still being counted as they are staged: "so far". */
const growing = (c: EntityCount, active: boolean) =>
  active && (c.entity === 'comments' || c.entity === 'attachments');

function countItem(tx: Texts, c: EntityCount, active = false): ListItem {
  return listItem(c.entity, tx.t(`entity.${c.entity}`), {
    subtitle: growing(c, active) ? tx.t('count.so_far', { text: totalText(tx, c) }) : totalText(tx, c),
    tertiary_text: c.migratedWithLosses
      ? tx.t('count.outcome_with_losses', {
          migrated: c.migrated,
          losses: c.migratedWithLosses,
          failed: c.failed,
          skipped: c.skipped,
        })
      : tx.t('count.outcome', { migrated: c.migrated, failed: c.failed, skipped: c.skipped }),
  });
}

/** The results table: one list item per entity, then the report links. */
export function resultsOf<Id extends string>(tx: Texts, run: RunView): Component<Id>[] {
  const rows = shownCounts(run.counts);
  const components: Component<Id>[] = [];
  if (isActive(run) && run.stage)
    components.push(text(tx.t('run.stage_now', { stage: stageName(run.stage, tx) })));
  if (rows.length > 0) components.push(list(rows.map((c) => countItem(tx, c, isActive(run)))));
  const verified = verificationLine(tx, run);
  if (verified) components.push(text(verified));
  if (run.reports) components.push(text(tx.t('reports.links', run.reports)));
  return components;
}

/** "Verified: 58 matched · 1 mismatched · 1 not verifiable" once the run was read back from Intercom. */
export function verificationLine(tx: Texts, run: Pick<RunView, 'verification'>): string | null {
  return run.verification ? tx.t('verify.line', run.verification) : null;
}

export const runLine = (tx: Texts, run: Pick<RunView, 'kind' | 'status'>): string =>
  tx.t('run.line', { kind: tx.t(`run.${run.kind}`), status: tx.t(`run.status.${run.status}`) });
