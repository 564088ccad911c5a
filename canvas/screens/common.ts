// What every wizard screen shares: its common state (locale, read-only, a notice), the stored_data that
// names the screen (navigation only: the wizard never trusts it for anything else), the footer with the
// way back and Refresh, and how counts and durations read in each language.
import { canvasResponse, type CanvasResponse } from '../canvas.js';
import { button, submitAction, text, type Component } from '../components.js';
import { translator, type Locale, type MessageKey, type Params, type Texts } from '../i18n/index.js';

export const SCREENS = [
  'home',
  'connect',
  'scope',
  'mapping',
  'options',
  'checklist',
  'demo',
  'full',
  'post',
] as const;
export type WizardScreen = (typeof SCREENS)[number];

/** The wizard's steps in the order an admin takes them (the home card names the next one). */
export type WizardStep = Exclude<WizardScreen, 'home'>;

export const PLATFORMS = { zendesk: 'Zendesk', freshdesk: 'Freshdesk' } as const;
export type PlatformId = keyof typeof PLATFORMS;

/** The help desk's address as its admin knows it (acme → acme.zendesk.com), whatever host Ferry reached. */
export const helpdeskAddress = (platform: PlatformId, subdomain: string): string =>
  `${subdomain}.${platform}.com`;

/** A line above the screen: a confirmation, or (error) what went wrong and what to do. */
export interface Notice {
  key: MessageKey;
  params?: Params;
  error?: boolean;
}

export interface ScreenCommon {
  /** The workspace's locale; English when absent. */
  locale?: Locale;
  /** The workspace's time zone (Intercom's app.timezone) for dates; absent: UTC, said so. */
  timeZone?: string | null;
  /** Not an operator of this workspace's migration: facts only, nothing that changes anything. */
  readOnly: boolean;
  notice?: Notice;
  /** For a reader: the operators' names, so they know whom to ask (absent: not known now). */
  operators?: string | null;
}

export type NavId = 'home' | 'refresh';

export function textsOf(state: ScreenCommon): Texts {
  return translator(state.locale ?? 'en', state.timeZone);
}

export function noticeOf<Id extends string>(tx: Texts, notice: Notice | undefined): Component<Id>[] {
  if (!notice) return [];
  return [text(tx.t(notice.key, notice.params), { style: notice.error ? 'error' : 'muted' })];
}

/** A field's message, shown right under it. */
export function fieldError<Id extends string>(tx: Texts, error: Notice | undefined): Component<Id>[] {
  return error ? [text(tx.t(error.key, error.params), { style: 'error' })] : [];
}

/** What a reader is told: only the operators change the migration, named when Ferry knows them. */
export function readOnlyNote<Id extends string>(
  tx: Texts,
  state: Pick<ScreenCommon, 'operators'>,
): Component<Id> {
  return text(
    state.operators ? tx.t('readonly.note_named', { operators: state.operators }) : tx.t('readonly.note'),
    { style: 'muted' },
  );
}

export function footer(tx: Texts, state: Pick<ScreenCommon, 'readOnly' | 'operators'>): Component<NavId>[] {
  return [
    ...(state.readOnly ? [readOnlyNote<NavId>(tx, state)] : []),
    button('refresh', tx.t('nav.refresh'), submitAction(), { style: 'secondary' }),
    button('home', tx.t('nav.home'), submitAction(), { style: 'link' }),
  ];
}

export function screenResponse<Id extends string>(
  screen: WizardScreen,
  components: Component<Id>[],
): CanvasResponse<Id> {
  return canvasResponse(components, { screen });
}

/** A duration in seconds as "about 25 min" / "about 3 h 10 min" / "about 2 days 4 h". */
export function duration(tx: Texts, seconds: number): string {
  if (seconds < 60) return tx.t('duration.under_minute');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return tx.t('duration.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return tx.t('duration.hours', { h: hours, m: minutes % 60 });
  return tx.t('duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** Texts longer than this are cut (a vendor's error message can be long; the console has the rest). */
export function clip(value: string, max = 100): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
