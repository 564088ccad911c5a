// The console's page shell: navigation, the read-only notice, our own stylesheet, and — when a support
// Messenger is configured — the Messenger bundle with its boot data in data- attributes (no inline script).
import type { ConsoleActor } from '../app/console/access.js';
import type { MessengerBoot } from '../app/console/messenger.js';
import { withCsrfToken } from './form.js';
import { markup, type Html } from './html.js';

export const CONSOLE_PAGES = [
  ['/console', 'Overview'],
  ['/console/credentials', 'Source credentials'],
  ['/console/mappings', 'Mappings'],
  ['/console/filters', 'Filters'],
  ['/console/operators', 'Operators'],
  ['/console/reports', 'Reports'],
] as const;

export interface LayoutOptions {
  /** The app's path prefix from PUBLIC_URL ('' at the root). */
  base: string;
  actor?: ConsoleActor;
  active?: string;
  messenger?: MessengerBoot | undefined;
  /** The session's form token: every POST form on the page carries it. */
  csrfToken?: string | undefined;
}

export function page(title: string, content: Html, o: LayoutOptions): string {
  const a = o.actor;
  const body = o.csrfToken ? withCsrfToken(content, o.csrfToken) : content;
  const nav = a
    ? markup`<nav aria-label="Console">
        ${CONSOLE_PAGES.map(
          ([href, label]) =>
            markup`<a href="${o.base}${href}" ${o.active === href ? markup` aria-current="page"` : ''}
              >${label}</a
            >`,
        )}
      </nav>`
    : '';
  const readOnly =
    a && !a.isOperator
      ? markup`<p class="notice info" id="read-only">
          You can read this migration's status. Only its operators can change it.
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
    <html lang="en">
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
        ${messenger}
      </body>
    </html>`.value;
}

export function unauthorizedPage(base: string, message: string): string {
  return page(
    'Link expired or not valid',
    markup`<p>${message}</p>
      <p>
        Console links are valid for 15 minutes. Open Ferry in your Intercom Inbox and follow the link again.
      </p>`,
    { base },
  );
}

export function forbiddenPage(base: string, message: string): string {
  return page('Not allowed', markup`<p>${message}</p>`, { base });
}

/** A link for workspace B while signed in to A: nothing switches until the admin says so. */
export function switchWorkspacePage(
  base: string,
  v: { from: string; to: string; token: string; next: string; csrfToken: string },
): string {
  return page(
    'Switch workspace?',
    markup`<p>
        You are signed in to Ferry's console for <strong>${v.from}</strong>. This link opens the console of
        <strong>${v.to}</strong>.
      </p>
      <form method="post" action="${base}/console/session">
        <input type="hidden" name="token" value="${v.token}" />
        <input type="hidden" name="next" value="${v.next}" />
        <button type="submit">Switch to ${v.to}</button>
        <a href="${base}/console">Stay in ${v.from}</a>
      </form>`,
    { base, csrfToken: v.csrfToken },
  );
}
