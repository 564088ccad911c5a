// Options: tag migrated tickets (and the tag), the old ticket id in the subject, article translations,
// ticket events and requester fields as private notes, help-center links in ticket comments, inactive
// agents, attachments per reply, the old help center's address for redirects.
import {
  button,
  checkbox,
  dropdown,
  input,
  singleSelect,
  submitAction,
  text,
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

export type OptionsComponentId =
  | NavId
  | 'options_flags'
  | 'options_tag'
  | 'options_inactive'
  | 'options_attachments'
  | 'options_redirects'
  | 'options_save';

export const OPTION_FLAGS = [
  'tag_migrated',
  'old_id_in_subject',
  'translations',
  'events_as_notes',
  'requester_fields_as_note',
  'rewrite_comment_links',
] as const;
export type OptionFlag = (typeof OPTION_FLAGS)[number];
export const MAX_ATTACHMENTS_PER_PART = 10;

export interface OptionsState extends ScreenCommon {
  flags: readonly OptionFlag[];
  /** The tag's name ('' = the default, shown as the placeholder). */
  tagName: string;
  defaultTagName: string;
  inactiveAgents: 'fallback' | 'skip';
  attachmentsPerPart: number;
  /** The old help center's address, once it points to Intercom's help center ('' = no redirects). */
  redirects: string;
  errors?: { tagName?: Notice; redirects?: Notice };
}

export function optionsScreen(state: OptionsState) {
  const tx = textsOf(state);
  const disabled = state.readOnly;
  const perPart = Array.from(
    { length: MAX_ATTACHMENTS_PER_PART },
    (_, i) => [String(i + 1), String(i + 1)] as const,
  );
  const components: Component<OptionsComponentId>[] = [
    ...noticeOf<OptionsComponentId>(tx, state.notice),
    text(tx.t('options.title'), { style: 'header' }),
    checkbox(
      'options_flags',
      tx.t('options.flags'),
      OPTION_FLAGS.map((f) => [f, tx.t(`options.${f}`)] as const),
      { value: [...state.flags], disabled },
    ),
    text(tx.t('options.flags_help'), { style: 'muted' }),
    input('options_tag', {
      label: tx.t('options.tag_name'),
      placeholder: tx.t('options.tag_placeholder', { name: state.defaultTagName }),
      value: state.tagName,
      disabled,
      ...(state.errors?.tagName ? { save_state: 'failed' as const } : {}),
    }),
    ...fieldError<OptionsComponentId>(tx, state.errors?.tagName),
    singleSelect(
      'options_inactive',
      [
        ['fallback', tx.t('options.inactive.fallback')],
        ['skip', tx.t('options.inactive.skip')],
      ],
      { label: tx.t('options.inactive_agents'), value: state.inactiveAgents, disabled },
    ),
    dropdown('options_attachments', perPart, {
      label: tx.t('options.attachments_per_part'),
      value: String(state.attachmentsPerPart),
      disabled,
    }),
    text(tx.t('options.attachments_help'), { style: 'muted' }),
    input('options_redirects', {
      label: tx.t('options.redirects'),
      value: state.redirects,
      disabled,
      ...(state.errors?.redirects ? { save_state: 'failed' as const } : {}),
    }),
    ...fieldError<OptionsComponentId>(tx, state.errors?.redirects),
    text(tx.t('options.redirects_help'), { style: 'muted' }),
  ];
  if (!disabled) components.push(button('options_save', tx.t('options.save'), submitAction()));
  components.push(...footer(tx, state));
  return screenResponse('options', components);
}
