// Canvas strings per workspace locale (workspaces.locale; English by default). `translator(locale)` gives
// t(key, params): `{name}` in a message is replaced by params.name. Numbers and dates are formatted for the
// locale here too, so screens stay pure functions of their state.
import { de } from './de.js';
import { en, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, de };

/** 'de', 'de-AT' or 'DE' → 'de'; anything unknown → 'en'. */
export function parseLocale(value: string | null | undefined): Locale {
  const base = (value ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export interface Texts {
  locale: Locale;
  t: Translate;
  /** 1204 → "1,204" (en) or "1.204" (de). */
  n(value: number): string;
  /**
   * A calendar date in the workspace's time zone, e.g. "Dec 1, 2026" / "01.12.2026"; where the zone is not
   * known, in UTC and saying so ("Dec 1, 2026 (UTC)"). Never an ISO string.
   */
  date(value: Date): string;
}

/** An IANA zone Intl knows (Intercom's app.timezone, e.g. "America/Los_Angeles"), else null. */
export function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

export function translator(locale: Locale = 'en', timeZone?: string | null): Texts {
  const table = MESSAGES[locale];
  const numbers = new Intl.NumberFormat(locale);
  const zone = knownTimeZone(timeZone);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone ?? 'UTC' });
  const t: Translate = (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      if (v === undefined) return whole;
      return typeof v === 'number' ? numbers.format(v) : v;
    });
  const date = (d: Date) => (zone ? dates.format(d) : `${dates.format(d)} (UTC)`);
  return { locale, t, n: (v) => numbers.format(v), date };
}

/** The `{name}` parameters a message uses (the i18n test holds both languages to the same ones). */
export function paramsOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
