// The home canvas: the first thing a teammate sees in Ferry's Inbox panel. A pure function of its state.
// - no migration yet: what Ferry does, and (for an operator) the source to start from and a Start button;
// - otherwise: the latest migration's status, its latest run, and a Refresh button (Inbox canvases do not
//   refresh by themselves).
// Teammates who are not operators get the same facts read-only.
import { canvasResponse, type CanvasResponse } from '../canvas.js';
import { button, dataTable, singleSelect, submitAction, text, type Component } from '../components.js';

export type HomeComponentId = 'platform' | 'start' | 'refresh';

export const PLATFORMS = { zendesk: 'Zendesk', freshdesk: 'Freshdesk' } as const;
export type PlatformId = keyof typeof PLATFORMS;

export type MigrationStatus =
  'draft' | 'ready' | 'running' | 'paused' | 'completed' | 'archived' | 'cancelled';
export type RunStatus = 'planned' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

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
}

export interface HomeState {
  /** Not an operator of this workspace's migration: facts only, no actions that change anything. */
  readOnly: boolean;
  migration: HomeMigration | null;
  /** One line shown above the rest (an error or a confirmation). */
  notice?: { text: string; error?: boolean };
}

const MIGRATION_STATUS: Record<MigrationStatus, string> = {
  draft: 'Draft: being set up',
  ready: 'Ready to run',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  archived: 'Archived',
  cancelled: 'Cancelled',
};
const RUN_KIND = { demo: 'Demo', full: 'Full migration', delta: 'Delta' } as const;

const READ_ONLY_NOTE =
  'You can follow this migration here. Only its operators (the admin who installed Ferry and those they add) can change it.';

function intro(): Component<HomeComponentId>[] {
  return [
    text('Ferry', { style: 'header' }),
    text(
      'Moves your Zendesk or Freshdesk help desk into Intercom: tickets with their replies and attachments, contacts, companies and articles. A free demo of 20 tickets comes first.',
    ),
  ];
}

function runRows(run: HomeRun): [string, string][] {
  const rows: [string, string][] = [[RUN_KIND[run.kind], run.status]];
  if (run.counts) {
    const c = run.counts;
    rows.push(
      ['Migrated', `${c.migrated} of ${c.total}`],
      ['Failed / skipped', `${c.failed} / ${c.skipped}`],
    );
  }
  return rows;
}

function status(m: HomeMigration): Component<HomeComponentId>[] {
  const source = m.account ? `${PLATFORMS[m.platform]} (${m.account})` : PLATFORMS[m.platform];
  const rows: [string, string][] = [
    ['Source', source],
    ['Status', MIGRATION_STATUS[m.status]],
    ...(m.latestRun ? runRows(m.latestRun) : []),
  ];
  const components: Component<HomeComponentId>[] = [text(m.name, { style: 'header' }), dataTable(rows)];
  if (m.latestRun?.reason) components.push(text(m.latestRun.reason, { style: 'error' }));
  if (m.status === 'draft' && !m.latestRun) {
    components.push(
      text('The next steps (connect the source account, choose what moves) are not available yet.', {
        style: 'muted',
      }),
    );
  }
  return components;
}

export function homeScreen(state: HomeState): CanvasResponse<HomeComponentId> {
  const components: Component<HomeComponentId>[] = [];
  if (state.notice)
    components.push(text(state.notice.text, { style: state.notice.error ? 'error' : 'muted' }));
  if (state.migration) {
    components.push(...status(state.migration));
  } else {
    components.push(...intro());
    if (!state.readOnly) {
      components.push(
        singleSelect('platform', Object.entries(PLATFORMS), { label: 'Move from', value: 'zendesk' }),
        button('start', 'Start', submitAction()),
      );
    }
  }
  if (state.readOnly) components.push(text(READ_ONLY_NOTE, { style: 'muted' }));
  if (state.migration || state.readOnly) {
    components.push(button('refresh', 'Refresh', submitAction(), { style: 'secondary' }));
  }
  return canvasResponse(components, { screen: 'home' });
}
