// Demo: 20 tickets with what they need, really written into Intercom. Before: what it does and Run. While
// it runs: progress (Refresh). After: the results per entity (available / total / migrated / failed /
// skipped), a CSV report per status, Edit settings and Rerun.
import { button, submitAction, text, type Component } from '../components.js';
import { clip, footer, noticeOf, screenResponse, textsOf, type NavId, type ScreenCommon } from './common.js';
import { isActive, resultsOf, type RunView } from './run-results.js';

export type DemoComponentId = NavId | 'demo_start' | 'demo_rerun' | 'demo_edit' | 'demo_next';

export interface DemoState extends ScreenCommon {
  /** The latest demo run; null before the first. */
  run: RunView | null;
}

export function demoScreen(state: DemoState) {
  const tx = textsOf(state);
  const run = state.run;
  const operator = !state.readOnly;
  const components: Component<DemoComponentId>[] = [
    ...noticeOf<DemoComponentId>(tx, state.notice),
    text(tx.t('demo.title'), { style: 'header' }),
  ];
  if (!run) {
    components.push(text(tx.t('demo.explain')));
    if (operator) components.push(button('demo_start', tx.t('demo.run'), submitAction()));
  } else if (isActive(run)) {
    components.push(text(tx.t('demo.running'), { style: 'muted' }), ...resultsOf<DemoComponentId>(tx, run));
  } else {
    if (run.status !== 'completed' && run.reason)
      components.push(text(tx.t('demo.failed', { reason: clip(run.reason) }), { style: 'error' }));
    components.push(text(`**${tx.t('demo.results')}**`), ...resultsOf<DemoComponentId>(tx, run));
    if (operator) {
      components.push(
        button('demo_edit', tx.t('demo.edit'), submitAction(), { style: 'secondary' }),
        button('demo_rerun', tx.t('demo.rerun'), submitAction(), { style: 'secondary' }),
      );
      if (run.status === 'completed')
        components.push(
          button('demo_next', tx.t('next.button', { step: tx.t('step.checklist') }), submitAction()),
        );
    }
  }
  components.push(...footer(tx, state));
  return screenResponse('demo', components);
}
