// The console's words in each locale the canvas has (canvas/i18n). The language: the teammate's own choice
// (admin_preferences), else the locale carried by the canvas's signed link, else the browser's
// Accept-Language, else English. Pages not yet listed here are still in English (README).
import { parseLocale, type Locale } from '../../canvas/i18n/index.js';
import { markup, type Html } from './html.js';

const en = {
  'nav.overview': 'Overview',
  'nav.credentials': 'Source credentials',
  'nav.mappings': 'Mappings',
  'nav.filters': 'Filters',
  'nav.operators': 'Operators',
  'nav.reports': 'Reports',
  'nav.label': 'Console',
  read_only: 'You can read this migration’s status. Only its operators can change it: {operators}.',
  'read_only.installer': 'the admin who installed Ferry',
  'expired.title': 'Link expired or not valid',
  'expired.help':
    'Console links are valid for 15 minutes. Open Ferry in your Intercom Inbox and follow the link again.',
  'expired.no_session': 'Your console session has expired or was never opened from Intercom.',
  'expired.uninstalled': 'Ferry is no longer installed on this workspace.',
  'overview.none': 'No migration yet. Open Ferry in your Intercom Inbox and press Start.',
  'overview.migration': 'Migration',
  'overview.status': 'status',
  'overview.source': 'Source',
  'overview.connected': 'connected',
  'overview.not_connected': 'not connected yet —',
  'overview.enter_credentials': 'enter the credentials',
  'overview.latest_run': 'Latest run',
  'overview.progress': 'Progress',
  'overview.full_report': 'Full report',
  'overview.no_run': 'No run yet: the demo starts from the canvas.',
  'status.draft': 'draft',
  'status.ready': 'ready',
  'status.running': 'running',
  'status.paused': 'paused',
  'status.completed': 'completed',
  'status.archived': 'archived',
  'status.cancelled': 'cancelled',
  'status.demo_done': 'demo done, full migration not started',
  'language.label': 'Language',
  'language.auto': 'As in the canvas',
  'language.save': 'Change',
} as const;

export type ConsoleKey = keyof typeof en;

const de: Record<ConsoleKey, string> = {
  'nav.overview': 'Übersicht',
  'nav.credentials': 'Zugangsdaten der Quelle',
  'nav.mappings': 'Zuordnungen',
  'nav.filters': 'Filter',
  'nav.operators': 'Betreuer',
  'nav.reports': 'Berichte',
  'nav.label': 'Konsole',
  read_only: 'Sie können den Stand dieser Migration lesen. Ändern können sie nur ihre Betreuer: {operators}.',
  'read_only.installer': 'der Admin, der Ferry installiert hat',
  'expired.title': 'Link abgelaufen oder ungültig',
  'expired.help':
    'Konsolen-Links gelten 15 Minuten. Öffnen Sie Ferry in Ihrem Intercom-Posteingang und folgen Sie dem Link erneut.',
  'expired.no_session': 'Ihre Konsolen-Sitzung ist abgelaufen oder wurde nie aus Intercom geöffnet.',
  'expired.uninstalled': 'Ferry ist in diesem Workspace nicht mehr installiert.',
  'overview.none':
    'Noch keine Migration. Öffnen Sie Ferry in Ihrem Intercom-Posteingang und drücken Sie Starten.',
  'overview.migration': 'Migration',
  'overview.status': 'Status',
  'overview.source': 'Quelle',
  'overview.connected': 'verbunden',
  'overview.not_connected': 'noch nicht verbunden —',
  'overview.enter_credentials': 'Zugangsdaten eingeben',
  'overview.latest_run': 'Letzter Lauf',
  'overview.progress': 'Fortschritt',
  'overview.full_report': 'Vollständiger Bericht',
  'overview.no_run': 'Noch kein Lauf: Die Demo startet im Canvas.',
  'status.draft': 'Entwurf',
  'status.ready': 'bereit',
  'status.running': 'läuft',
  'status.paused': 'pausiert',
  'status.completed': 'abgeschlossen',
  'status.archived': 'archiviert',
  'status.cancelled': 'abgebrochen',
  'status.demo_done': 'Demo fertig, vollständige Migration nicht gestartet',
  'language.label': 'Sprache',
  'language.auto': 'Wie im Canvas',
  'language.save': 'Ändern',
};

export const CONSOLE_MESSAGES: Record<Locale, Record<ConsoleKey, string>> = { en, de };

export type ConsoleT = (key: ConsoleKey, params?: Record<string, string>) => string;

export function consoleT(locale: Locale): ConsoleT {
  const table = CONSOLE_MESSAGES[locale];
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (whole, n: string) => params[n] ?? whole);
}

/** The first language of an Accept-Language header Ferry speaks ("de-DE,de;q=0.9,en;q=0.8" → de). */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.tag !== '' && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'de') return parseLocale(base);
  }
  return null;
}

/**
 * A moment as people read it: formatted for the locale (UTC, said so) inside <time datetime>, which
 * /console/static/local-time.js rewrites into the browser's own time zone. Never an ISO string on screen.
 */
export function when(date: Date, locale: Locale = 'en'): Html {
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return markup`<time datetime="${date.toISOString()}" data-local>${text} UTC</time>`;
}
