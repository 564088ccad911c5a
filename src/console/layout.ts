// The console's page shell: navigation, the read-only notice, our own stylesheet, and — when a support
// Messenger is configured — the Messenger bundle with its boot data in data- attributes (no inline script).
import type { ConsoleActor } from '../app/console/access.js';
import type { MessengerBoot } from '../app/console/messenger.js';
import type { Locale } from '../../canvas/i18n/index.js';
import { withCsrfToken } from './form.js';
import { markup, type Html } from './html.js';
import { consoleT, withMarkup, type ConsoleKey } from './i18n.js';

export const CONSOLE_PAGES = [
  ['/console', 'Overview', 'nav.overview'],
  ['/console/credentials', 'Source credentials', 'nav.credentials'],
  ['/console/mappings', 'Mappings', 'nav.mappings'],
  ['/console/filters', 'Filters', 'nav.filters'],
  ['/console/operators', 'Operators', 'nav.operators'],
  ['/console/reports', 'Reports', 'nav.reports'],
] as const satisfies readonly (readonly [string, string, ConsoleKey])[];

export interface LayoutOptions {
  /** The app's path prefix from PUBLIC_URL ('' at the root). */
  base: string;
  actor?: ConsoleActor;
  active?: string;
  messenger?: MessengerBoot | undefined;
  /** The console's language (English when absent). */
  locale?: Locale | undefined;
  /** The session's form token: every POST form on the page carries it. */
  csrfToken?: string | undefined;
}

export function page(englishTitle: string, content: Html, o: LayoutOptions): string {
  const a = o.actor;
  const body = o.csrfToken ? withCsrfToken(content, o.csrfToken) : content;
  const locale = o.locale ?? 'en';
  const t = consoleT(locale);
  // A page of the navigation is titled with its (translated) name.
  const named = CONSOLE_PAGES.find(([href, label]) => href === o.active && label === englishTitle);
  const title = named ? t(named[2]) : englishTitle;
  const nav = a
    ? markup`<nav aria-label="${t('nav.label')}">
        ${CONSOLE_PAGES.map(
          ([href, , key]) =>
            markup`<a href="${o.base}${href}" ${o.active === href ? markup` aria-current="page"` : ''}
              >${t(key)}</a
            >`,
        )}
      </nav>`
    : '';
  const installer = a?.workspace.installed_by_admin_id;
  const readOnly =
    a && !a.isOperator
      ? markup`<p class="notice info" id="read-only">
          ${t('read_only', { operators: installer ? `${t('read_only.installer')} (${installer})` : t('read_only.installer') })}
        </p>`
      : '';
  const messenger = o.messenger
    ? markup`<div
          id="ferry-messenger"
          hidden
          data-app-id="${o.messenger.appId}"
          data-user-jwt="${o.messenger.userJwt}"
        ></div>
        <script type="module" src="${o.base}/console/static/messenger.js"></script>`
    : '';
  return markup`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Ferry</title>${
          o.csrfToken ? markup`<meta name="csrf-token" content="${o.csrfToken}" />` : ''
        }
        <link rel="stylesheet" href="${o.base}/console/static/console.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="${o.base}/console">Ferry</a>${
            a?.migration ? markup`<span class="migration">${a.migration.name}</span>` : ''
          }
        </header>
        ${nav}
        <main>
          <h1>${title}</h1>
          ${readOnly}${body}
        </main>
        <script type="module" src="${o.base}/console/static/local-time.js"></script>
        ${messenger}
      </body>
    </html>`.value;
}

export function unauthorizedPage(base: string, message: string, locale: Locale = 'en'): string {
  const t = consoleT(locale);
  return page(t('expired.title'), markup`<p>${message}</p><p>${t('expired.help')}</p>`, { base, locale });
}

export function forbiddenPage(base: string, message: string, locale: Locale = 'en'): string {
  return page(consoleT(locale)('title.not_allowed'), markup`<p>${message}</p>`, { base, locale });
}

/** A link for workspace B while signed in to A: nothing switches until the admin says so. */
export function switchWorkspacePage(
  base: string,
  v: { from: string; to: string; token: string; next: string; csrfToken: string },
  locale: Locale = 'en',
): string {
  const t = consoleT(locale);
  const strong = (name: string) => markup`<strong>${name}</strong>`;
  return page(
    t('switch.title'),
    markup`<p>${withMarkup(t('switch.signed_in'), { from: strong(v.from), to: strong(v.to) })}</p>
      <form method="post" action="${base}/console/session">
        <input type="hidden" name="token" value="${v.token}" />
        <input type="hidden" name="next" value="${v.next}" />
        <button type="submit">${t('switch.go', { to: v.to })}</button>
        <a href="${base}/console">${t('switch.stay', { from: v.from })}</a>
      </form>`,
    { base, csrfToken: v.csrfToken, locale },
  );
}
