// Scope: which entities move, whether tickets become Intercom tickets or conversations, a created-date
// range; the long filters (tags, groups, organizations, assignees, custom-field values) live on the
// console's filters page, and the canvas shows how many are set.
import {
  button,
  checkbox,
  input,
  singleSelect,
  submitAction,
  text,
  urlAction,
  type Component,
} from '../components.js';
import {
  fieldError,
  footer,
  noticeOf,
  screenResponse,
  textsOf,
  type NavId,
  type Notice,
  type ScreenCommon,
} from './common.js';

export type ScopeComponentId =
  NavId | 'scope_entities' | 'scope_target' | 'scope_from' | 'scope_to' | 'scope_filters' | 'scope_save';

export const SCOPE_ENTITIES = ['tickets', 'contacts', 'companies', 'articles'] as const;
export type ScopeEntity = (typeof SCOPE_ENTITIES)[number];
export type TicketTarget = 'tickets' | 'conversations';

export interface FilterCounts {
  tags: number;
  groups: number;
  organizations: number;
  assignees: number;
  fields: number;
}

export interface ScopeState extends ScreenCommon {
  entities: readonly ScopeEntity[];
  target: TicketTarget;
  /** YYYY-MM-DD or '' (as saved, or as typed when it failed). */
  createdFrom: string;
  createdTo: string;
  filters: FilterCounts;
  /** The console's filters page; null when read-only. */
  filtersUrl: string | null;
  errors?: { entities?: Notice; createdFrom?: Notice; createdTo?: Notice };
}

export function scopeScreen(state: ScopeState) {
  const tx = textsOf(state);
  const disabled = state.readOnly;
  const errors = state.errors ?? {};
  const f = state.filters;
  const anyFilter = f.tags + f.groups + f.organizations + f.assignees + f.fields > 0;
  const components: Component<ScopeComponentId>[] = [
    ...noticeOf<ScopeComponentId>(tx, state.notice),
    text(tx.t('scope.title'), { style: 'header' }),
    checkbox(
      'scope_entities',
      tx.t('scope.entities'),
      SCOPE_ENTITIES.map((e) => [e, tx.t(`entity.${e}`)] as const),
      { value: [...state.entities], disabled },
    ),
    ...fieldError<ScopeComponentId>(tx, errors.entities),
    singleSelect(
      'scope_target',
      [
        ['tickets', tx.t('scope.target.tickets')],
        ['conversations', tx.t('scope.target.conversations')],
      ],
      { label: tx.t('scope.target'), value: state.target, disabled },
    ),
    input('scope_from', {
      label: tx.t('scope.created_from'),
      placeholder: tx.t('scope.date_placeholder'),
      value: state.createdFrom,
      disabled,
      ...(errors.createdFrom ? { save_state: 'failed' as const } : {}),
    }),
    ...fieldError<ScopeComponentId>(tx, errors.createdFrom),
    input('scope_to', {
      label: tx.t('scope.created_to'),
      placeholder: tx.t('scope.date_placeholder'),
      value: state.createdTo,
      disabled,
      ...(errors.createdTo ? { save_state: 'failed' as const } : {}),
    }),
    ...fieldError<ScopeComponentId>(tx, errors.createdTo),
    text(anyFilter ? tx.t('scope.filters_some', { ...f }) : tx.t('scope.filters_none'), { style: 'muted' }),
  ];
  if (!disabled && state.filtersUrl) {
    components.push(
      button('scope_filters', tx.t('scope.filters_button'), urlAction(state.filtersUrl), {
        style: 'secondary',
      }),
      button('scope_save', tx.t('scope.save'), submitAction()),
    );
  }
  components.push(...footer(tx, state));
  return screenResponse('scope', components);
}
