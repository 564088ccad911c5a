// Full run: the estimate (records, Intercom calls, duration from both sides' rate limits) and Start, which
// is refused until the pre-flight checklist is complete; then the status with Pause / Resume / Cancel; when
// done, the results, a Delta run and retention: until when the source data is kept, or when it was wiped.
import { button, dataTable, input, submitAction, text, urlAction, type Component } from '../components.js';
import type { Texts } from '../i18n/index.js';
import {
  clip,
  duration,
  footer,
  noticeOf,
  PLATFORMS,
  screenResponse,
  textsOf,
  type NavId,
  type PlatformId,
  type ScreenCommon,
} from './common.js';
import { isActive, resultsOf, runLine, type RunView } from './run-results.js';
import { retentionLines, type RetentionComponentId } from './retention.js';

export type FullRunComponentId =
  | NavId
  | 'full_start'
  | 'full_checklist'
  | 'full_pause'
  | 'full_resume'
  | 'full_cancel'
  | 'full_delta'
  | 'full_post'
  | 'full_confirm'
  | RetentionComponentId
  | 'full_undo'
  | 'full_clear_demo';

/** One line of what the full run writes: an entity, how many the source holds (null: not counted), where. */
export interface FullRunWrite {
  entity: 'tickets' | 'contacts' | 'companies' | 'articles';
  count: number | null;
  /** Tickets only: Intercom tickets or conversations. */
  target?: 'tickets' | 'conversations';
}

export interface FullRunEstimate {
  records: number;
  intercomCalls: number;
  seconds: number;
  /** Which side's rate limit sets the pace. */
  limitedBy: 'intercom' | 'source';
  /** Entities the source could not count (never read as 0): records and calls cover the rest only. */
  uncounted?: ('tickets' | 'contacts' | 'companies' | 'articles')[];
  /** With uncounted tickets: the time per 1,000 tickets, from the demo's measured pace or the rate limits. */
  perThousandTickets?: { seconds: number; from: 'demo' | 'limits' };
}

export interface FullRunState extends ScreenCommon {
  platform: PlatformId;
  estimate: FullRunEstimate | null;
  checklistComplete: boolean;
  /** The latest full or delta run; null before the first full run. */
  run: RunView | null;
  /** When the source data and credentials are wiped (FERRY_RETENTION_DAYS after the last full or delta run). */
  archiveAt: Date | null;
  /** When they were wiped (absent or null: not yet). */
  wipedAt?: Date | null;
  /** What the full run writes, per entity (shown with the confirmation). */
  writes?: FullRunWrite[];
  /** What the operator types to confirm: the workspace's name (null: the confirmation word). */
  confirmName?: string | null;
  /** The demo's records still in Intercom before the full run, and the console's confirmation page that
   * removes them (the full run then starts clean); absent: nothing to clear, or keep them (reused). */
  clearDemo?: { records: number; url: string } | null;
  /** The console's "Undo this run" confirmation for the run shown, once it ended. */
  undoUrl?: string | null;
}

function writeRows(tx: Texts, writes: readonly FullRunWrite[]): [string, string][] {
  return writes.map((w) => {
    const n = w.count === null ? tx.t('count.unknown') : tx.n(w.count);
    if (w.entity !== 'tickets') return [tx.t(`entity.${w.entity}`), n];
    const where = tx.t(w.target === 'conversations' ? 'full.as_conversations' : 'full.as_tickets');
    return [tx.t('entity.tickets'), tx.t('full.write_as', { n, where })];
  });
}

/** The typed confirmation: the workspace's name, or the confirmation word when Ferry does not know it. */
export function confirmationText(tx: Texts, name: string | null | undefined): string {
  return name?.trim() ? name.trim() : tx.t('full.confirm_word');
}

function estimateRows(tx: Texts, platform: PlatformId, e: FullRunEstimate): [string, string][] {
  const side =
    e.limitedBy === 'intercom'
      ? tx.t('full.side.intercom')
      : tx.t('full.side.source', { platform: PLATFORMS[platform] });
  if (e.uncounted?.length) {
    const names = e.uncounted.map((x) => tx.t(`entity.${x}`)).join(', ');
    const pace = e.perThousandTickets;
    return [
      [
        tx.t('full.records'),
        e.records > 0
          ? tx.t('full.records_partial', { n: e.records, names })
          : tx.t('full.records_none', { names }),
      ],
      ...(pace
        ? ([
            [
              tx.t('full.duration'),
              tx.t(pace.from === 'demo' ? 'full.per_thousand_demo' : 'full.per_thousand_limits', {
                duration: duration(tx, pace.seconds),
              }),
            ],
          ] as [string, string][])
        : []),
    ];
  }
  return [
    [tx.t('full.records'), tx.n(e.records)],
    [tx.t('full.calls'), tx.n(e.intercomCalls)],
    [tx.t('full.duration'), tx.t('full.duration_value', { duration: duration(tx, e.seconds), side })],
  ];
}

function beforeStart(tx: Texts, state: FullRunState): Component<FullRunComponentId>[] {
  const out: Component<FullRunComponentId>[] = [];
  if (state.estimate) {
    out.push(
      text(`**${tx.t('full.estimate')}**`),
      dataTable(estimateRows(tx, state.platform, state.estimate)),
    );
  }
  if (state.readOnly) return out;
  if (state.checklistComplete) {
    // The full run writes into the live workspace: what it writes, then a typed confirmation.
    const expected = confirmationText(tx, state.confirmName);
    if (state.clearDemo)
      out.push(
        text(tx.t('full.clear_demo', { n: state.clearDemo.records }), { style: 'muted' }),
        button('full_clear_demo', tx.t('full.clear_demo_button'), urlAction(state.clearDemo.url), {
          style: 'secondary',
        }),
      );
    if (state.writes?.length)
      out.push(text(`**${tx.t('full.writes')}**`), dataTable(writeRows(tx, state.writes)));
    out.push(
      input('full_confirm', { label: tx.t('full.confirm_label', { name: expected }) }),
      button('full_start', tx.t('full.start'), submitAction()),
    );
  } else
    out.push(
      text(tx.t('full.refused'), { style: 'error' }),
      button('full_checklist', tx.t('full.open_checklist'), submitAction()),
    );
  return out;
}

function during(tx: Texts, state: FullRunState, run: RunView): Component<FullRunComponentId>[] {
  const out: Component<FullRunComponentId>[] = [
    text(`**${runLine(tx, run)}**`),
    text(
      run.status === 'paused'
        ? tx.t('full.paused', { reason: clip(run.reason ?? '') })
        : tx.t('full.running'),
      {
        style: run.status === 'paused' ? 'error' : 'muted',
      },
    ),
  ];
  if (run.status === 'running' && run.etaSeconds != null)
    out.push(dataTable([[tx.t('home.time_left'), duration(tx, run.etaSeconds)]]));
  out.push(...resultsOf<FullRunComponentId>(tx, run));
  if (!state.readOnly) {
    out.push(
      run.status === 'paused'
        ? button('full_resume', tx.t('full.resume'), submitAction())
        : button('full_pause', tx.t('full.pause'), submitAction(), { style: 'secondary' }),
      button('full_cancel', tx.t('full.cancel'), submitAction(), { style: 'secondary' }),
    );
  }
  return out;
}

function after(tx: Texts, state: FullRunState, run: RunView): Component<FullRunComponentId>[] {
  const out: Component<FullRunComponentId>[] = [
    text(`**${runLine(tx, run)}**`),
    ...(run.reason && run.status !== 'completed' ? [text(clip(run.reason), { style: 'error' })] : []),
    ...resultsOf<FullRunComponentId>(tx, run),
  ];
  out.push(...retentionLines(tx, state));
  if (!state.readOnly) {
    out.push(
      button('full_delta', tx.t('full.delta'), submitAction(), { style: 'secondary' }),
      ...(state.undoUrl
        ? [button('full_undo', tx.t('full.undo'), urlAction(state.undoUrl), { style: 'secondary' })]
        : []),
      button('full_post', tx.t('next.button', { step: tx.t('step.post') }), submitAction()),
    );
  }
  return out;
}

export function fullRunScreen(state: FullRunState) {
  const tx = textsOf(state);
  const run = state.run;
  const components: Component<FullRunComponentId>[] = [
    ...noticeOf<FullRunComponentId>(tx, state.notice),
    text(tx.t('full.title'), { style: 'header' }),
    ...(!run ? beforeStart(tx, state) : isActive(run) ? during(tx, state, run) : after(tx, state, run)),
    ...footer(tx, state),
  ];
  return screenResponse('full', components);
}
