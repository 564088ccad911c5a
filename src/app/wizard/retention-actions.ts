// The wizard's retention actions (issue 15 §2): an operator keeps the source data longer; a delta asked for
// (a delta or any run) after the wipe is refused with what happened and what to do, in the teammate's language.
import { translator } from '../../../canvas/i18n/index.js';
import { FerryError } from '../../errors.js';
import { postponeRetention, retentionState } from '../retention.js';
import type { Outcome } from './actions.js';
import type * as store from './store.js';
import type { WizardContext } from './view.js';

type Ready = WizardContext & { scoped: store.Scoped };

export async function postpone(ctx: Ready): Promise<Outcome> {
  try {
    const until = await postponeRetention(ctx.deps.knex, ctx.scoped);
    const date = translator(ctx.locale).date(until);
    return { screen: 'full', overlay: { notice: { key: 'retention.postponed', params: { date } } } };
  } catch (err) {
    if (!(err instanceof FerryError)) throw err;
    return { screen: 'full', overlay: { notice: { key: 'retention.postpone_refused', error: true } } };
  }
}

/** A run needs the source credentials: once retention wiped them, the refusal says so (null: not wiped). */
export function refusedAfterWipe(ctx: Ready, m: store.MigrationRow): Outcome | null {
  const state = retentionState(m);
  if (state.kind !== 'wiped') return null;
  const date = translator(ctx.locale).date(state.on);
  return {
    screen: 'full',
    overlay: { notice: { key: 'retention.run_refused', params: { date }, error: true } },
  };
}
