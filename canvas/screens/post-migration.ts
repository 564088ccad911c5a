// After the migration: what to turn back on, and the knowledge-base links (the old-URL → new-URL map is
// downloaded from the console's reports).
import { button, checkbox, submitAction, text, urlAction, type Component } from '../components.js';
import { footer, noticeOf, screenResponse, textsOf, type NavId, type ScreenCommon } from './common.js';

export type PostComponentId =
  | NavId
  | 'post_items'
  | 'post_save'
  | 'post_reports'
  | 'post_url_map'
  | 'post_delta'
  | 'post_follow'
  | 'post_cutover';

/** What the pre-flight checklist had the admin turn off, turned back on; then the knowledge-base links. */
export const POST_ITEMS = [
  'notifications_on',
  'phone_validation_on',
  'workflows_on',
  'fin_on',
  'assignment_on',
  'outbound_on',
  'csat_on',
  'kb_links',
] as const;
export type PostItem = (typeof POST_ITEMS)[number];

export interface PostState extends ScreenCommon {
  ticked: readonly PostItem[];
  /** The console's reports page; null when read-only. */
  reportsUrl: string | null;
  /** url-map.csv (old help-center URL → Intercom URL) in the console; absent when no help center moved. */
  urlMapUrl?: string | null;
  /** A full run completed and nothing runs now: a delta catches up what changed since. */
  deltaAvailable?: boolean;
  /**
   * Live catch-up: absent where the server offers none; following with the minutes since a change was last
   * applied (null: none yet) and the lag of the oldest change waiting, in seconds.
   */
  live?: {
    following: boolean;
    lastAppliedMinutes: number | null;
    lagSeconds: number;
    /** Freshdesk: where the admin's automation rule posts (Ferry cannot create the rule itself). */
    automationUrl?: string | null;
  } | null;
}

export function postMigrationScreen(state: PostState) {
  const tx = textsOf(state);
  const components: Component<PostComponentId>[] = [
    ...noticeOf<PostComponentId>(tx, state.notice),
    text(tx.t('post.title'), { style: 'header' }),
    checkbox(
      'post_items',
      tx.t('post.items'),
      POST_ITEMS.map((i) => [i, tx.t(`post.item.${i}`)] as const),
      { value: [...state.ticked], disabled: state.readOnly },
    ),
    text(tx.t('post.kb_note'), { style: 'muted' }),
  ];
  if (!state.readOnly && state.urlMapUrl)
    components.push(
      button('post_url_map', tx.t('post.url_map_button'), urlAction(state.urlMapUrl), { style: 'secondary' }),
    );
  if (!state.readOnly && state.reportsUrl) {
    components.push(
      button('post_reports', tx.t('post.kb_button'), urlAction(state.reportsUrl), { style: 'secondary' }),
      button('post_save', tx.t('post.save'), submitAction()),
    );
  }
  if (!state.readOnly && state.deltaAvailable)
    components.push(button('post_delta', tx.t('full.delta'), submitAction(), { style: 'secondary' }));
  components.push(...liveComponents(state));
  components.push(...footer(tx, state));
  return screenResponse('post', components);
}

/** "Follow changes until cutover" (operators, once a delta could run), or the live status and Cutover. */
function liveComponents(state: PostState): Component<PostComponentId>[] {
  const tx = textsOf(state);
  const live = state.live;
  if (!live) return [];
  if (!live.following) {
    return !state.readOnly && state.deltaAvailable
      ? [button('post_follow', tx.t('post.follow'), submitAction(), { style: 'secondary' })]
      : [];
  }
  const line =
    live.lastAppliedMinutes === null
      ? tx.t('post.following_none', { lag: live.lagSeconds })
      : tx.t('post.following', { ago: live.lastAppliedMinutes, lag: live.lagSeconds });
  const out: Component<PostComponentId>[] = [text(line, { style: 'muted' })];
  if (live.automationUrl && !state.readOnly)
    out.push(text(tx.t('post.freshdesk_rule', { url: live.automationUrl }), { style: 'muted' }));
  if (!state.readOnly)
    out.push(button('post_cutover', tx.t('post.cutover'), submitAction(), { style: 'secondary' }));
  return out;
}
