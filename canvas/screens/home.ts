// The home canvas: the first thing a teammate sees in Ferry's Inbox panel (kept within ~400 px). A pure
// function of its state.
// - no migration yet: what Ferry does, and (for an operator) the source to start from and a Start button;
// - otherwise the migration's card: stage, progress per entity, an estimate of the time left, the last
//   problem, Refresh (Inbox canvases do not refresh by themselves) and a button to the next step.
// Teammates who are not operators get the same facts read-only.
import type { CanvasResponse } from '../canvas.js';
import { button, dataTable, singleSelect, submitAction, text, type Component } from '../components.js';
import type { Texts } from '../i18n/index.js';
import {
  clip,
  duration,
  noticeOf,
  PLATFORMS,
  readOnlyNote,
  screenResponse,
  textsOf,
  type PlatformId,
  type ScreenCommon,
  type WizardStep,
} from './common.js';
import { isActive, shownCounts, type EntityCount, type RunStatus, type RunView } from './run-results.js';

export { PLATFORMS, type PlatformId } from './common.js';
export type { RunStatus } from './run-results.js';

export type HomeComponentId = 'platform' | 'start' | 'refresh' | 'next_step' | 'home_delta';

export type MigrationStatus =
  'draft' | 'ready' | 'running' | 'paused' | 'demo_done' | 'completed' | 'archived' | 'cancelled';

/** The latest run as the migrations port summarises it (counts summed over entities). */
export interface HomeRun {
  kind: 'demo' | 'full' | 'delta';
  status: RunStatus;
  reason?: string | null;
  counts?: { total: number; migrated: number; failed: number; skipped: number };
}

export interface HomeMigration {
  name: string;
  platform: PlatformId;
  account?: string | null;
  status: MigrationStatus;
  latestRun?: HomeRun | null;
  /** The step the admin takes next (the wizard derives it); absent: no next-step button. */
  nextStep?: WizardStep | null;
  /** The latest run per entity, with the time left; wins over latestRun when given. */
  run?: RunView | null;
  /** A full run completed and nothing runs now: a delta can be started from here. */
  deltaAvailable?: boolean;
}

export interface HomeState extends ScreenCommon {
  migration: HomeMigration | null;
}

function intro(tx: Texts): Component<HomeComponentId>[] {
  return [text(tx.t('app.name'), { style: 'header' }), text(tx.t('home.intro'))];
}

function stageOf(tx: Texts, m: HomeMigration): string {
  if (m.status === 'archived') return tx.t('step.archived');
  if (m.status === 'cancelled') return tx.t('step.cancelled');
  return m.nextStep ? tx.t(`step.${m.nextStep}`) : tx.t('step.connect');
}

/** One row per entity, read as the results screen reads it: migrated of total, failed, skipped. */
export function countRow(tx: Texts, c: EntityCount, active: boolean): [string, string] {
  const params = { migrated: c.migrated, total: c.total, failed: c.failed, skipped: c.skipped };
  // While a run goes, comments (and their attachments) are still being counted as they are staged.
  const growing = active && (c.entity === 'comments' || c.entity === 'attachments');
  return [tx.t(`entity.${c.entity}`), tx.t(growing ? 'count.row_so_far' : 'count.row', params)];
}

function rowsOf(tx: Texts, state: HomeState, m: HomeMigration): [string, string][] {
  const source = m.account ? `${PLATFORMS[m.platform]} (${m.account})` : PLATFORMS[m.platform];
  const rows: [string, string][] = [[tx.t('home.source'), source]];
  // The next-step button names the stage already; a reader has no button, so the stage is a row.
  if (state.readOnly || !m.nextStep) rows.push([tx.t('home.stage'), stageOf(tx, m)]);
  const run = m.run;
  if (run) {
    const status = tx.t(`run.status.${run.status}`);
    const eta = run.status === 'running' && run.etaSeconds != null ? run.etaSeconds : null;
    rows.push([
      tx.t(`run.${run.kind}`),
      eta === null ? status : tx.t('home.status_time_left', { status, duration: duration(tx, eta) }),
    ]);
    for (const c of shownCounts(run.counts)) rows.push(countRow(tx, c, isActive(run)));
  } else if (m.latestRun) {
    const r = m.latestRun;
    rows.push([tx.t(`run.${r.kind}`), tx.t(`run.status.${r.status}`)]);
    if (r.counts) rows.push([tx.t('count.total'), tx.t('count.row', { ...r.counts })]);
  }
  return rows;
}

function card(tx: Texts, state: HomeState, m: HomeMigration): Component<HomeComponentId>[] {
  const components: Component<HomeComponentId>[] = [
    text(m.name, { style: 'header' }),
    dataTable(rowsOf(tx, state, m)),
  ];
  const problem = m.run?.reason ?? m.latestRun?.reason;
  if (problem)
    components.push(text(tx.t('home.last_problem', { text: clip(problem, 80) }), { style: 'error' }));
  if (!state.readOnly && m.nextStep) {
    components.push(
      button('next_step', tx.t('next.button', { step: tx.t(`step.${m.nextStep}`) }), submitAction()),
    );
  }
  if (!state.readOnly && m.deltaAvailable)
    components.push(button('home_delta', tx.t('full.delta'), submitAction(), { style: 'secondary' }));
  return components;
}

export function homeScreen(state: HomeState): CanvasResponse<HomeComponentId> {
  const tx = textsOf(state);
  const components: Component<HomeComponentId>[] = noticeOf(tx, state.notice);
  if (state.migration) {
    components.push(...card(tx, state, state.migration));
  } else {
    components.push(...intro(tx));
    if (!state.readOnly) {
      components.push(
        singleSelect('platform', Object.entries(PLATFORMS), {
          label: tx.t('home.move_from'),
          value: 'zendesk',
        }),
        button('start', tx.t('home.start'), submitAction()),
      );
    }
  }
  if (state.readOnly) components.push(readOnlyNote(tx, state));
  // Refresh while something can change by itself (a run going) or for a reader; an operator's finished
  // migration has its buttons instead (the first canvas has ~400 px).
  const running = isActive(state.migration?.run);
  if (state.readOnly || (state.migration && (running || !state.migration.deltaAvailable))) {
    components.push(button('refresh', tx.t('nav.refresh'), submitAction(), { style: 'secondary' }));
  }
  return screenResponse('home', components);
}
