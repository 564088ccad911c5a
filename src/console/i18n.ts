// The console's words in each locale the canvas has (canvas/i18n). The language: the teammate's own choice
// (admin_preferences), else the locale carried by the canvas's signed link, else the browser's
// Accept-Language, else English. Every page speaks both.
import { parseLocale, translator, type Locale, type Texts } from '../../canvas/i18n/index.js';
import { REFUSALS } from '../app/console/refusals.js';
import { markup, type Html, type Renderable } from './html.js';

const en = {
  ...REFUSALS,
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
  'chart.empty': 'No progress recorded yet.',
  'chart.label': 'Records done over time per entity',
  'chart.caption': 'Records done (migrated + failed + skipped) since the run started.',
  'form.expired': 'This form has expired. Reload the page and try again.',
  'switch.title': 'Switch workspace?',
  'switch.signed_in': 'You are signed in to Ferry’s console for {from}. This link opens the console of {to}.',
  'switch.go': 'Switch to {to}',
  'switch.stay': 'Stay in {from}',
  'expired.link_uninstalled': 'Ferry is no longer installed on the workspace of this link.',
  'title.run_report': 'Run report',
  'title.mismatches': 'Mismatches',
  'title.not_found': 'Not found',
  'title.not_allowed': 'Not allowed',
  search: 'Search',
  'counters.entity': 'Entity',
  'counters.deleted': '({present} + {deleted} deleted in the source)',
  'counters.losses': '({n} with losses)',
  'run.last_problem': 'last problem: {error}',
  'run.stage': 'stage: {stage}',
  'credentials.connected_as': 'Connected to {address} as {user}.',
  'credentials.email': 'Admin e-mail',
  'credentials.token': 'API token',
  'credentials.token_hint': 'Admin Center › Apps and integrations › APIs › Zendesk API.',
  'credentials.api_key': 'API key',
  'credentials.api_key_hint': 'Your Freshdesk profile settings › View API key.',
  'credentials.stored':
    'Credentials are stored for {account}. They are never shown again; enter new ones to replace them.',
  'credentials.test': 'Test connection',
  'credentials.none': 'No credentials stored yet.',
  'credentials.sample': 'Sandbox: the sample help desk answers at subdomain {subdomain}',
  'credentials.sample_zendesk': ', e-mail {email}, token {token}',
  'credentials.sample_freshdesk': ', API key {key}',
  'credentials.subdomain': 'Subdomain (acme for acme.{host})',
  'credentials.save': 'Test and save',
  'credentials.saved': 'Connected. The credentials are stored encrypted.',
  'credentials.works': 'The stored credentials work.',
  'mappings.search_placeholder': 'e.g. a name, an e-mail or a field',
  'mappings.unavailable': 'The lists could not be read: {error}',
  'mappings.matched_agents': '{matched} of {total} agents matched by e-mail',
  'mappings.matched_groups': '{matched} of {total} groups matched by name',
  'mappings.matched_fields': '{matched} of {total} custom fields matched by name',
  'mappings.fallback_choice': '— the fallback teammate —',
  'mappings.no_team': '— no team —',
  'mappings.members': '{name} ({n} members)',
  'mappings.inactive': '{name} (inactive)',
  'mappings.teammate_for': 'Teammate for {name}',
  'mappings.team_for': 'Team for {name}',
  'mappings.attribute_for': 'Attribute for {name}',
  'mappings.create_for': 'Create {name}',
  'mappings.fallback': 'Fallback teammate (writes for unmapped and automated authors)',
  'mappings.fallback_label': 'Fallback teammate',
  'mappings.installer_choice': '— the installing token’s admin —',
  'mappings.agents': 'Agents → teammates ({n})',
  'mappings.agent': 'Agent',
  'mappings.email': 'E-mail',
  'mappings.teammate': 'Teammate',
  'mappings.groups': 'Groups → teams ({n})',
  'mappings.group': 'Group',
  'mappings.team': 'Team',
  'mappings.fields': 'Fields → attributes ({n})',
  'mappings.fields_hint':
    'Leave the attribute empty to leave a field out; tick Create to have Ferry create a missing attribute.',
  'mappings.field': 'Field',
  'mappings.on': 'On',
  'mappings.type': 'Type',
  'mappings.attribute': 'Intercom attribute',
  'mappings.create': 'Create',
  'mappings.save': 'Save mappings',
  'mappings.saved': 'Mappings saved.',
  'scope.ticket': 'Ticket',
  'scope.contact': 'Contact',
  'scope.company': 'Company',
  'filters.intro': 'Only tickets that pass every filter move. Empty = no restriction.',
  'filters.chosen': '{legend} ({n} chosen; none = any)',
  'filters.no_match': 'No name matches “{q}”.',
  'filters.groups': 'Groups',
  'filters.group_ids': 'Group ids',
  'filters.organizations': 'Organizations',
  'filters.organization_ids': 'Organization / company ids',
  'filters.too_many_organizations': 'This help desk holds more than {n} organizations: enter their ids.',
  'filters.assignees': 'Assignees',
  'filters.assignee_ids': 'Assignee (agent) ids',
  'filters.find': 'Find groups, organizations and assignees by name or e-mail',
  'filters.connect_first': 'Connect the source to choose groups, organizations and assignees by name.',
  'filters.created_from': 'Created on or after',
  'filters.created_to': 'Created before',
  'filters.tags': 'Tags (any of; comma or line separated)',
  'filters.field_values': 'Custom field values (one line each: field = value, value)',
  'filters.save': 'Save filters',
  'filters.saved': 'Filters saved.',
  'operators.intro': 'Operators may change this migration; every other teammate sees its status only.',
  'operators.unknown': 'Intercom admin {id}',
  'operators.you': '{name} (you)',
  'operators.installed': 'installed Ferry',
  'operators.added_by': 'added by {name}',
  'operators.remove': 'Remove',
  'operators.teammate': 'Teammate',
  'operators.find': 'Find a teammate by name or e-mail',
  'operators.choose': '— choose a teammate ({n}) —',
  'operators.by_id': 'Add a teammate by Intercom admin id',
  'operators.add': 'Add operator',
  'operators.installer_only': 'Only the admin who installed Ferry adds operators.',
  'operators.added': 'Operator added.',
  'operators.removed': 'Operator removed.',
  'reports.run': 'Run',
  'reports.status': 'Status',
  'reports.started': 'Started',
  'reports.finished': 'Finished',
  'reports.csv': 'CSV',
  'reports.download': 'Download:',
  'reports.records': 'Records',
  'reports.show': 'Show:',
  'reports.all': 'all',
  'reports.source_id': 'Source id',
  'reports.intercom_id': 'Intercom id',
  'reports.reason': 'Reason',
  'reports.next': 'Next ›',
  'reports.undo': 'Undo this run',
  'mismatches.link': 'mismatches',
  'mismatches.not_verified': 'This run was not verified yet: verification runs at the end of every run.',
  'mismatches.none': 'No mismatch: every record Ferry wrote reads back from Intercom as the source has it.',
  'mismatches.problem': 'Problem',
  'mismatches.unverifiable': 'Not verifiable',
  'mismatches.why': 'Why',
} as const;

export type ConsoleKey = keyof typeof en;

const de: Record<ConsoleKey, string> = {
  'refused.subdomain_missing': 'Geben Sie Ihre Subdomain ein (acme für acme.{host}).',
  'refused.subdomain_invalid':
    'Nur Buchstaben, Ziffern und Bindestriche: keine Punkte, Schrägstriche oder Leerzeichen (acme für acme.{host}).',
  'refused.zendesk_email': 'Geben Sie die E-Mail-Adresse des Zendesk-Admins ein, dem das Token gehört.',
  'refused.zendesk_token':
    'Fügen Sie das ganze API-Token aus Admin Center › Apps und Integrationen › APIs ein.',
  'refused.freshdesk_api_key':
    'Fügen Sie den ganzen API-Schlüssel aus Ihren Freshdesk-Profileinstellungen ein.',
  'refused.no_account':
    'Unter dieser Subdomain gibt es keinen Helpdesk. Prüfen Sie sie und versuchen Sie es erneut.',
  'refused.missing_credentials': 'Geben Sie unten die Zugangsdaten ein.',
  'refused.rejected':
    'Der Helpdesk hat diese Zugangsdaten abgelehnt. Prüfen Sie sie und fügen Sie sie erneut ein.',
  'refused.not_admin':
    'Diese Zugangsdaten gehören niemandem mit Admin-Rechten. Verwenden Sie die eines Admins.',
  'refused.unreachable':
    'Der Helpdesk war unter dieser Subdomain nicht erreichbar. Prüfen Sie sie und versuchen Sie es erneut.',
  'refused.nothing_stored': 'Noch keine Zugangsdaten gespeichert: Geben Sie sie unten ein.',
  'refused.choose_teammate': 'Wählen Sie ein Teammitglied dieses Workspace.',
  'refused.choose_team': 'Wählen Sie ein Team dieses Workspace.',
  'refused.attribute_too_long': 'Attributnamen haben höchstens 190 Zeichen.',
  'refused.date': 'Verwenden Sie ein Datum wie 2024-01-31.',
  'refused.date_order': 'Das Enddatum muss nach dem Startdatum liegen.',
  'refused.custom_field_line': '„{line}“: Schreiben Sie Feld = Wert, Wert.',
  'refused.admin_id': 'Geben Sie die Intercom-Admin-ID des Teammitglieds ein (nur Ziffern).',
  'refused.operators_only':
    'Nur die Betreuer dieser Migration können sie ändern. Fragen Sie den Admin, der Ferry installiert hat.',
  'refused.no_migration': 'Starten Sie zuerst eine Migration in Ferry in Intercom.',
  'refused.installer_only':
    'Nur der Admin, der Ferry installiert hat, kann Betreuer hinzufügen oder entfernen.',
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
  'chart.empty': 'Noch kein Fortschritt aufgezeichnet.',
  'chart.label': 'Erledigte Datensätze im Zeitverlauf je Objekt',
  'chart.caption':
    'Erledigte Datensätze (migriert + fehlgeschlagen + übersprungen) seit dem Start des Laufs.',
  'form.expired': 'Dieses Formular ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.',
  'switch.title': 'Workspace wechseln?',
  'switch.signed_in':
    'Sie sind in der Ferry-Konsole von {from} angemeldet. Dieser Link öffnet die Konsole von {to}.',
  'switch.go': 'Zu {to} wechseln',
  'switch.stay': 'In {from} bleiben',
  'expired.link_uninstalled': 'Ferry ist im Workspace dieses Links nicht mehr installiert.',
  'title.run_report': 'Laufbericht',
  'title.mismatches': 'Abweichungen',
  'title.not_found': 'Nicht gefunden',
  'title.not_allowed': 'Nicht erlaubt',
  search: 'Suchen',
  'counters.entity': 'Objekt',
  'counters.deleted': '({present} + {deleted} in der Quelle gelöscht)',
  'counters.losses': '({n} mit Verlusten)',
  'run.last_problem': 'letztes Problem: {error}',
  'run.stage': 'Schritt: {stage}',
  'credentials.connected_as': 'Verbunden mit {address} als {user}.',
  'credentials.email': 'E-Mail-Adresse des Admins',
  'credentials.token': 'API-Token',
  'credentials.token_hint': 'Admin Center › Apps und Integrationen › APIs › Zendesk API.',
  'credentials.api_key': 'API-Schlüssel',
  'credentials.api_key_hint': 'Ihre Freshdesk-Profileinstellungen › API-Schlüssel anzeigen.',
  'credentials.stored':
    'Für {account} sind Zugangsdaten gespeichert. Sie werden nie wieder angezeigt; geben Sie neue ein, um sie zu ersetzen.',
  'credentials.test': 'Verbindung testen',
  'credentials.none': 'Noch keine Zugangsdaten gespeichert.',
  'credentials.sample': 'Sandbox: Der Beispiel-Helpdesk antwortet unter der Subdomain {subdomain}',
  'credentials.sample_zendesk': ', E-Mail {email}, Token {token}',
  'credentials.sample_freshdesk': ', API-Schlüssel {key}',
  'credentials.subdomain': 'Subdomain (acme für acme.{host})',
  'credentials.save': 'Testen und speichern',
  'credentials.saved': 'Verbunden. Die Zugangsdaten sind verschlüsselt gespeichert.',
  'credentials.works': 'Die gespeicherten Zugangsdaten funktionieren.',
  'mappings.search_placeholder': 'z. B. ein Name, eine E-Mail oder ein Feld',
  'mappings.unavailable': 'Die Listen konnten nicht gelesen werden: {error}',
  'mappings.matched_agents': '{matched} von {total} Agenten per E-Mail zugeordnet',
  'mappings.matched_groups': '{matched} von {total} Gruppen per Name zugeordnet',
  'mappings.matched_fields': '{matched} von {total} benutzerdefinierten Feldern per Name zugeordnet',
  'mappings.fallback_choice': '— das Ersatz-Teammitglied —',
  'mappings.no_team': '— kein Team —',
  'mappings.members': '{name} ({n} Mitglieder)',
  'mappings.inactive': '{name} (inaktiv)',
  'mappings.teammate_for': 'Teammitglied für {name}',
  'mappings.team_for': 'Team für {name}',
  'mappings.attribute_for': 'Attribut für {name}',
  'mappings.create_for': '{name} anlegen',
  'mappings.fallback': 'Ersatz-Teammitglied (schreibt für nicht zugeordnete und automatische Autoren)',
  'mappings.fallback_label': 'Ersatz-Teammitglied',
  'mappings.installer_choice': '— der Admin des installierenden Tokens —',
  'mappings.agents': 'Agenten → Teammitglieder ({n})',
  'mappings.agent': 'Agent',
  'mappings.email': 'E-Mail',
  'mappings.teammate': 'Teammitglied',
  'mappings.groups': 'Gruppen → Teams ({n})',
  'mappings.group': 'Gruppe',
  'mappings.team': 'Team',
  'mappings.fields': 'Felder → Attribute ({n})',
  'mappings.fields_hint':
    'Lassen Sie das Attribut leer, um ein Feld auszulassen; kreuzen Sie Anlegen an, damit Ferry ein fehlendes Attribut anlegt.',
  'mappings.field': 'Feld',
  'mappings.on': 'Bei',
  'mappings.type': 'Typ',
  'mappings.attribute': 'Intercom-Attribut',
  'mappings.create': 'Anlegen',
  'mappings.save': 'Zuordnungen speichern',
  'mappings.saved': 'Zuordnungen gespeichert.',
  'scope.ticket': 'Ticket',
  'scope.contact': 'Kontakt',
  'scope.company': 'Unternehmen',
  'filters.intro': 'Nur Tickets, die jeden Filter erfüllen, werden übertragen. Leer = keine Einschränkung.',
  'filters.chosen': '{legend} ({n} gewählt; keine = alle)',
  'filters.no_match': 'Kein Name passt zu „{q}“.',
  'filters.groups': 'Gruppen',
  'filters.group_ids': 'Gruppen-IDs',
  'filters.organizations': 'Organisationen',
  'filters.organization_ids': 'Organisations- / Unternehmens-IDs',
  'filters.too_many_organizations':
    'Dieser Helpdesk hat mehr als {n} Organisationen: Geben Sie ihre IDs ein.',
  'filters.assignees': 'Bearbeiter',
  'filters.assignee_ids': 'Bearbeiter-IDs (Agenten)',
  'filters.find': 'Gruppen, Organisationen und Bearbeiter nach Name oder E-Mail suchen',
  'filters.connect_first':
    'Verbinden Sie die Quelle, um Gruppen, Organisationen und Bearbeiter nach Namen zu wählen.',
  'filters.created_from': 'Erstellt am oder nach',
  'filters.created_to': 'Erstellt vor',
  'filters.tags': 'Tags (einer davon; durch Komma oder Zeilen getrennt)',
  'filters.field_values': 'Werte benutzerdefinierter Felder (je Zeile: Feld = Wert, Wert)',
  'filters.save': 'Filter speichern',
  'filters.saved': 'Filter gespeichert.',
  'operators.intro':
    'Betreuer dürfen diese Migration ändern; alle anderen Teammitglieder sehen nur ihren Stand.',
  'operators.unknown': 'Intercom-Admin {id}',
  'operators.you': '{name} (Sie)',
  'operators.installed': 'hat Ferry installiert',
  'operators.added_by': 'hinzugefügt von {name}',
  'operators.remove': 'Entfernen',
  'operators.teammate': 'Teammitglied',
  'operators.find': 'Teammitglied nach Name oder E-Mail suchen',
  'operators.choose': '— Teammitglied wählen ({n}) —',
  'operators.by_id': 'Teammitglied per Intercom-Admin-ID hinzufügen',
  'operators.add': 'Betreuer hinzufügen',
  'operators.installer_only': 'Nur der Admin, der Ferry installiert hat, fügt Betreuer hinzu.',
  'operators.added': 'Betreuer hinzugefügt.',
  'operators.removed': 'Betreuer entfernt.',
  'reports.run': 'Lauf',
  'reports.status': 'Status',
  'reports.started': 'Gestartet',
  'reports.finished': 'Beendet',
  'reports.csv': 'CSV',
  'reports.download': 'Herunterladen:',
  'reports.records': 'Datensätze',
  'reports.show': 'Zeigen:',
  'reports.all': 'alle',
  'reports.source_id': 'ID in der Quelle',
  'reports.intercom_id': 'ID in Intercom',
  'reports.reason': 'Grund',
  'reports.next': 'Weiter ›',
  'reports.undo': 'Diesen Lauf rückgängig machen',
  'mismatches.link': 'Abweichungen',
  'mismatches.not_verified': 'Dieser Lauf wurde noch nicht geprüft: Die Prüfung läuft am Ende jedes Laufs.',
  'mismatches.none':
    'Keine Abweichung: Jeder Datensatz, den Ferry geschrieben hat, liest sich aus Intercom so, wie die Quelle ihn hat.',
  'mismatches.problem': 'Problem',
  'mismatches.unverifiable': 'Nicht prüfbar',
  'mismatches.why': 'Warum',
};

export const CONSOLE_MESSAGES: Record<Locale, Record<ConsoleKey, string>> = { en, de };

export type ConsoleT = (key: ConsoleKey, params?: Record<string, string>) => string;

export function consoleT(locale: Locale): ConsoleT {
  const table = CONSOLE_MESSAGES[locale];
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (whole, n: string) => params[n] ?? whole);
}

/** What a page needs to speak: the console's words (t) and the canvas's shared ones (tx: entities, runs, stages). */
export interface Words {
  locale: Locale;
  t: ConsoleT;
  tx: Texts;
}

export function wordsOf(locale: Locale = 'en'): Words {
  return { locale, t: consoleT(locale), tx: translator(locale) };
}

/** A message whose parameters are markup (a link, <strong>, <code>): the text around them is escaped. */
export function withMarkup(message: string, params: Record<string, Renderable>): Html {
  const parts = message.split(/\{(\w+)\}/);
  return markup`${parts.map((p, i) => (i % 2 === 1 ? (p in params ? params[p] : `{${p}}`) : p))}`;
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
