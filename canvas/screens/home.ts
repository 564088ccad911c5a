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
  screenResponse,
  textsOf,
  type PlatformId,
  type ScreenCommon,
  type WizardStep,
} from './common.js';
import { shownCounts, type RunStatus, type RunView } from './run-results.js';

export { PLATFORMS, type PlatformId } from './common.js';
export type { RunStatus } from './run-results.js';

export type HomeComponentId = 'platform' | 'start' | 'refresh' | 'next_step';

export type MigrationStatus =
  'draft' | 'ready' | 'running' | 'paused' | 'completed' | 'archived' | 'cancelled';

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
}

export interface HomeState extends ScreenCommon {
  migration: HomeMigration | null;
}

const ENTITY_ROWS = 4;

function intro(tx: Texts): Component<HomeComponentId>[] {
  return [text(tx.t('app.name'), { style: 'header' }), text(tx.t('home.intro'))];
}

function stageOf(tx: Texts, m: HomeMigration): string {
  if (m.status === 'archived') return tx.t('step.archived');
  if (m.status === 'cancelled') return tx.t('step.cancelled');
  return m.nextStep ? tx.t(`step.${m.nextStep}`) : tx.t('step.connect');
}

function rowsOf(tx: Texts, m: HomeMigration): [string, string][] {
  const source = m.account ? `${PLATFORMS[m.platform]} (${m.account})` : PLATFORMS[m.platform];
  const rows: [string, string][] = [
    [tx.t('home.source'), source],
    [tx.t('home.stage'), stageOf(tx, m)],
  ];
  const run = m.run;
  if (run) {
    rows.push([tx.t(`run.${run.kind}`), tx.t(`run.status.${run.status}`)]);
    for (const c of shownCounts(run.counts).slice(0, ENTITY_ROWS)) {
      const done = c.migrated + c.failed + c.skipped;
      rows.push([tx.t(`entity.${c.entity}`), tx.t('count.progress', { done, total: c.total })]);
    }
    if (run.status === 'running' && run.etaSeconds != null)
      rows.push([tx.t('home.time_left'), duration(tx, run.etaSeconds)]);
  } else if (m.latestRun) {
    const r = m.latestRun;
    rows.push([tx.t(`run.${r.kind}`), tx.t(`run.status.${r.status}`)]);
    if (r.counts) {
      const done = r.counts.migrated + r.counts.failed + r.counts.skipped;
      rows.push([tx.t('count.total'), tx.t('count.progress', { done, total: r.counts.total })]);
    }
  }
  return rows;
}

function card(tx: Texts, state: HomeState, m: HomeMigration): Component<HomeComponentId>[] {
  const components: Component<HomeComponentId>[] = [
    text(m.name, { style: 'header' }),
    dataTable(rowsOf(tx, m)),
  ];
  const problem = m.run?.reason ?? m.latestRun?.reason;
  if (problem) components.push(text(tx.t('home.last_problem', { text: clip(problem) }), { style: 'error' }));
  if (!state.readOnly && m.nextStep) {
    components.push(
      button('next_step', tx.t('next.button', { step: tx.t(`step.${m.nextStep}`) }), submitAction()),
    );
  }
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
  if (state.readOnly) components.push(text(tx.t('readonly.note'), { style: 'muted' }));
  if (state.migration || state.readOnly) {
    components.push(button('refresh', tx.t('nav.refresh'), submitAction(), { style: 'secondary' }));
  }
  return screenResponse('home', components);
}
