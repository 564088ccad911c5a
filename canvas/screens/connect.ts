// Connect: the platform and the account's subdomain in the canvas; the secret (e-mail + API token, or API
// key) only on Ferry's console page behind a url action, since a canvas input is neither masked nor
// private. The canvas says whether a secret is saved, never what it is. Test connection answers with the
// available counts per entity, or with a message at the field that is wrong.
import {
  button,
  dataTable,
  input,
  singleSelect,
  submitAction,
  text,
  urlAction,
  type Component,
} from '../components.js';
import type { Texts } from '../i18n/index.js';
import {
  fieldError,
  footer,
  noticeOf,
  PLATFORMS,
  screenResponse,
  textsOf,
  type NavId,
  type Notice,
  type PlatformId,
  type ScreenCommon,
} from './common.js';

export type ConnectComponentId =
  NavId | 'connect_platform' | 'connect_subdomain' | 'connect_secret' | 'connect_test' | 'connect_next';

/** What Test connection shows: the entities an admin recognises, in this order. */
export const CONNECT_COUNTED = [
  'tickets',
  'contacts',
  'companies',
  'agents',
  'groups',
  // The custom fields the mapping offers (transform/matching mappableFields): one count on both screens.
  'custom_fields',
  'articles',
] as const;
export type ConnectCounted = (typeof CONNECT_COUNTED)[number];

export interface ConnectResult {
  /** The account as the source names it. */
  account: string;
  /** Who the credentials belong to (name or e-mail). */
  user: string;
  available: Partial<Record<ConnectCounted, number | null>>;
  /** The entities whose number is an estimate, shown as "about N" (Freshdesk's tickets: the id range). */
  estimated?: readonly string[];
}

export interface ConnectState extends ScreenCommon {
  platform: PlatformId;
  subdomain: string;
  /** Whether the console holds a secret for this migration (the secret itself never reaches a canvas). */
  hasCredentials: boolean;
  /** The console's credentials page (a signed, 15-minute link); null when read-only. */
  credentialsUrl: string | null;
  errors?: { subdomain?: Notice; credentials?: Notice };
  /** The source's own words about a failed check (shown muted under the message). */
  detail?: string | null;
  result?: ConnectResult | null;
}

function counts(tx: Texts, result: ConnectResult): [string, string][] {
  return CONNECT_COUNTED.filter((e) => result.available[e] !== undefined).map((e) => {
    const n = result.available[e];
    if (n === null || n === undefined) return [tx.t(`entity.${e}`), tx.t('count.unknown')];
    const about = result.estimated?.includes(e) === true;
    return [tx.t(`entity.${e}`), about ? tx.t('count.about', { n: tx.n(n) }) : tx.n(n)];
  });
}

export function connectScreen(state: ConnectState) {
  const tx = textsOf(state);
  const platformName = PLATFORMS[state.platform];
  const disabled = state.readOnly;
  const errors = state.errors ?? {};
  const components: Component<ConnectComponentId>[] = [
    ...noticeOf<ConnectComponentId>(tx, state.notice),
    text(tx.t('connect.title', { platform: platformName }), { style: 'header' }),
    singleSelect('connect_platform', Object.entries(PLATFORMS), {
      label: tx.t('connect.platform'),
      value: state.platform,
      disabled,
    }),
    input('connect_subdomain', {
      label: `${tx.t('connect.subdomain')} (${tx.t(`connect.subdomain_hint.${state.platform}`)})`,
      placeholder: tx.t('connect.subdomain_placeholder'),
      value: state.subdomain,
      disabled,
      ...(errors.subdomain ? { save_state: 'failed' as const } : {}),
    }),
    ...fieldError<ConnectComponentId>(tx, errors.subdomain),
    text(
      `**${tx.t(`connect.secret.${state.platform}`)}:** ${tx.t(
        state.hasCredentials ? 'connect.secret_saved' : 'connect.secret_missing',
      )}`,
    ),
    ...fieldError<ConnectComponentId>(tx, errors.credentials),
  ];
  if (state.detail) {
    components.push(
      text(tx.t('connect.error.detail', { platform: platformName, detail: state.detail }), {
        style: 'muted',
      }),
    );
  }
  if (!disabled && state.credentialsUrl) {
    components.push(
      button('connect_secret', tx.t('connect.secret_button'), urlAction(state.credentialsUrl), {
        style: 'secondary',
      }),
      // One primary button: Continue once the test passed, Test connection before.
      button(
        'connect_test',
        tx.t('connect.test'),
        submitAction(),
        state.result ? { style: 'secondary' } : {},
      ),
    );
  }
  if (state.result) {
    components.push(
      text(tx.t('connect.ok', { account: state.result.account, user: state.result.user }), {
        style: 'muted',
      }),
      text(`**${tx.t('connect.counts', { platform: platformName })}**`),
      dataTable(counts(tx, state.result)),
    );
    if (!disabled) components.push(button('connect_next', tx.t('connect.next'), submitAction()));
  }
  components.push(...footer(tx, state));
  return screenResponse('connect', components);
}
