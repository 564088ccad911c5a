// Mapping summary: how many agents matched teammates by e-mail, the fallback teammate, groups → teams and
// fields → attributes, with "Create the missing attributes"; every single mapping is on the console's
// mappings page ("Review every mapping").
import { button, dataTable, submitAction, text, urlAction, type Component } from '../components.js';
import { footer, noticeOf, screenResponse, textsOf, type NavId, type ScreenCommon } from './common.js';

export type MappingComponentId =
  NavId | 'mapping_create_attributes' | 'mapping_review' | 'mapping_rematch' | 'mapping_next';

export interface MatchCount {
  matched: number;
  total: number;
}

export interface MappingSummary {
  agents: MatchCount;
  groups: MatchCount;
  fields: MatchCount;
  /** The fallback teammate's name; null = the admin who installed Ferry. */
  fallback: string | null;
}

export interface MappingState extends ScreenCommon {
  /** null until the first matching ran. */
  summary: MappingSummary | null;
  /** Mapped fields whose attribute Intercom does not have yet. */
  missingAttributes: number;
  /** settings.options.createMissingAttributes */
  createMissing: boolean;
  /** The console's mappings page; null when read-only. */
  mappingsUrl: string | null;
}

export function mappingSummaryScreen(state: MappingState) {
  const tx = textsOf(state);
  const s = state.summary;
  const components: Component<MappingComponentId>[] = [
    ...noticeOf<MappingComponentId>(tx, state.notice),
    text(tx.t('mapping.title'), { style: 'header' }),
  ];
  if (s) {
    components.push(
      dataTable([
        [tx.t('mapping.agents'), tx.t('mapping.agents_value', { ...s.agents })],
        [tx.t('mapping.fallback'), s.fallback ?? tx.t('mapping.fallback_default')],
        [tx.t('mapping.groups'), tx.t('mapping.groups_value', { ...s.groups })],
        [tx.t('mapping.fields'), tx.t('mapping.fields_value', { ...s.fields })],
      ]),
      text(tx.t('mapping.fallback_note'), { style: 'muted' }),
    );
  } else {
    components.push(text(tx.t('mapping.not_matched'), { style: 'muted' }));
  }
  const n = state.missingAttributes;
  if (n > 0 && state.createMissing)
    components.push(text(tx.t('mapping.create_missing_on', { n }), { style: 'muted' }));
  if (!state.readOnly && state.mappingsUrl) {
    if (n > 0 && !state.createMissing) {
      components.push(
        button('mapping_create_attributes', tx.t('mapping.create_missing', { n }), submitAction(), {
          style: 'secondary',
        }),
      );
    }
    components.push(
      button('mapping_review', tx.t('mapping.review'), urlAction(state.mappingsUrl), { style: 'secondary' }),
      button('mapping_rematch', tx.t('mapping.rematch'), submitAction(), { style: 'secondary' }),
      button('mapping_next', tx.t('mapping.next'), submitAction()),
    );
  }
  components.push(...footer(tx, state));
  return screenResponse('mapping', components);
}
