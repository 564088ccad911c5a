// The pre-flight checklist: what Ferry verifies itself (teammates present for every mapped agent, the
// mapped attributes exist, a demo is done) and what the admin ticks (Intercom settings, and what Intercom
// cannot silence through its API: Workflows, Fin, auto-assignment, outbound series, CSAT), then "I have
// gone through the checklist". The full run cannot start before every item is done.
import { button, checkbox, dataTable, submitAction, text, type Component } from '../components.js';
import type { Texts } from '../i18n/index.js';
import { footer, noticeOf, screenResponse, textsOf, type NavId, type ScreenCommon } from './common.js';

export type ChecklistComponentId =
  NavId | 'checklist_items' | 'checklist_agree' | 'checklist_save' | 'checklist_verify' | 'checklist_next';

export const ADMIN_ITEMS = [
  'phone_validation_off',
  'unassigned_preference',
  'notifications_off',
  'team_informed',
  'date_chosen',
  'pause_workflows',
  'pause_fin',
  'pause_assignment',
  'pause_outbound',
  'pause_csat',
] as const;
export type AdminItem = (typeof ADMIN_ITEMS)[number];
export const AGREED = 'agreed';

export interface VerifiedItems {
  /** null: not checked yet (Check again). */
  teammates: boolean | null;
  attributes: boolean | null;
  demo: boolean;
}

export interface ChecklistState extends ScreenCommon {
  verified: VerifiedItems;
  ticked: readonly AdminItem[];
  agreed: boolean;
  /** Every verified item true, every admin item ticked, and agreed. */
  complete: boolean;
}

const mark = (tx: Texts, v: boolean | null) =>
  v === null ? tx.t('checklist.unchecked') : tx.t(v ? 'checklist.yes' : 'checklist.no');

export function checklistScreen(state: ChecklistState) {
  const tx = textsOf(state);
  const disabled = state.readOnly;
  const v = state.verified;
  const components: Component<ChecklistComponentId>[] = [
    ...noticeOf<ChecklistComponentId>(tx, state.notice),
    text(tx.t('checklist.title'), { style: 'header' }),
    text(`**${tx.t('checklist.verified')}**`),
    dataTable([
      [tx.t('checklist.teammates'), mark(tx, v.teammates)],
      [tx.t('checklist.attributes'), mark(tx, v.attributes)],
      [tx.t('checklist.demo_done'), mark(tx, v.demo)],
    ]),
    checkbox(
      'checklist_items',
      tx.t('checklist.ticked'),
      ADMIN_ITEMS.map((i) => [i, tx.t(`checklist.item.${i}`)] as const),
      { value: [...state.ticked], disabled },
    ),
    text(tx.t('checklist.pause_note'), { style: 'muted' }),
    checkbox('checklist_agree', tx.t('checklist.agree'), [[AGREED, tx.t('checklist.agree')]], {
      value: state.agreed ? [AGREED] : [],
      disabled,
    }),
    text(tx.t(state.complete ? 'checklist.complete' : 'checklist.incomplete'), { style: 'muted' }),
  ];
  if (!disabled) {
    // One primary button: Next when there is one, else Save.
    const next = state.complete || !v.demo;
    components.push(
      button('checklist_save', tx.t('checklist.save'), submitAction(), next ? { style: 'secondary' } : {}),
      button('checklist_verify', tx.t('checklist.verify'), submitAction(), { style: 'secondary' }),
    );
    if (state.complete) {
      components.push(
        button('checklist_next', tx.t('next.button', { step: tx.t('step.full') }), submitAction()),
      );
    } else if (!v.demo) {
      components.push(
        button('checklist_next', tx.t('next.button', { step: tx.t('step.demo') }), submitAction()),
      );
    }
  }
  components.push(...footer(tx, state));
  return screenResponse('checklist', components);
}
