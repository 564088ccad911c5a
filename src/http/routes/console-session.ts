// The console's door. A signed link's ?token= is exchanged, once, for the session cookie (then the address
// loses the token); every other request needs the cookie. A link for another workspace than the one signed
// in asks before it switches. Unsafe methods must come from Ferry's own origin and carry the session's form
// token (CSRF). Expired, used, altered or missing → the 401 page.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { consoleActor, type ConsoleActor } from '../../app/console/access.js';
import {
  csrfToken,
  csrfTokenMatches,
  LINK_ALREADY_USED,
  readSession,
  redeemLink,
  type Redeemed,
  SESSION_COOKIE,
  sessionCookieOptions,
} from '../../app/console/session.js';
import { readConsoleLink, type ConsoleClaims } from '../../app/console-link.js';
import { forbiddenPage, switchWorkspacePage, unauthorizedPage } from '../../console/layout.js';
import { CSRF_FIELD } from '../../console/form.js';
import { basePath, cookieValue } from '../cookies.js';
import { parseLocale, type Locale } from '../../../canvas/i18n/index.js';
import { consoleT, fromAcceptLanguage } from '../../console/i18n.js';

export { cookieValue };

declare module 'express-serve-static-core' {
  interface Locals {
    actor?: ConsoleActor;
    /** The session's form token, for every form the page renders. */
    csrfToken?: string;
    /** The console's language for this request (src/console/i18n.ts). */
    locale?: Locale;
  }
}

export const SWITCH_PATH = '/console/session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const pathOf = (req: Request) => new URL(req.originalUrl, 'http://ferry.invalid').pathname;

/** Where to go after the exchange: the same console path, or `next` when it names a console path. */
function afterExchange(req: Request, base: string, next: unknown): string {
  const wanted = typeof next === 'string' ? next : '';
  const here = pathOf(req);
  const target =
    /^\/console(\/[\w./-]*)?$/.test(wanted) && !wanted.includes('..')
      ? wanted
      : here === SWITCH_PATH
        ? '/console'
        : here;
  return `${base}${target}`;
}

/** Ferry's own origins: PUBLIC_URL's, and on a loopback PUBLIC_URL its localhost/127.0.0.1 twin. */
function ownOrigins(publicUrl: string): Set<string> {
  const url = new URL(publicUrl);
  const origins = new Set([url.origin]);
  for (const [a, b] of [
    ['localhost', '127.0.0.1'],
    ['127.0.0.1', 'localhost'],
  ] as const)
    if (url.hostname === a) origins.add(`${url.protocol}//${b}${url.port ? `:${url.port}` : ''}`);
  return origins;
}

/** Why an unsafe request is refused, or undefined when it may go on. */
function crossSiteRefusal(req: Request, origins: Set<string>): string | undefined {
  const origin = req.get('origin');
  const referer = req.get('referer');
  let from: string | undefined;
  if (origin !== undefined) from = origin;
  else if (referer !== undefined) {
    try {
      from = new URL(referer).origin;
    } catch {
      from = 'null';
    }
  }
  // Browsers send Origin with every cross-origin POST; with neither header only the form token decides.
  if (from !== undefined && !origins.has(from))
    return 'This request came from another site, so Ferry did not act on it.';
  return undefined;
}

export function consoleSession(o: { db: Knex; secret: string; publicUrl: string }): RequestHandler {
  const base = basePath(o.publicUrl);
  const origins = ownOrigins(o.publicUrl);
  const refuse = (res: Response, message: string) =>
    res
      .status(401)
      .type('html')
      .send(unauthorizedPage(base, message, res.locals.locale));
  const forbid = (res: Response, message: string) =>
    res
      .status(403)
      .type('html')
      .send(forbiddenPage(base, message, res.locals.locale));

  const startSession = async (req: Request, res: Response, token: unknown, current: ConsoleClaims | null) => {
    const next = req.method === 'POST' ? formOf(req).next : req.query.next;
    let redeemed: Redeemed;
    try {
      redeemed = await redeemLink(o.db, o.secret, token);
    } catch (error) {
      return void refuse(res, error instanceof Error ? error.message : 'This console link is not valid.');
    }
    if ('alreadyUsed' in redeemed) {
      // A used link opened again by the admin it was for, who is signed in: nothing to exchange.
      const mine =
        current?.workspaceId === redeemed.alreadyUsed.workspaceId &&
        current.adminId === redeemed.alreadyUsed.adminId;
      return void (mine ? res.redirect(303, afterExchange(req, base, next)) : refuse(res, LINK_ALREADY_USED));
    }
    res.cookie(SESSION_COOKIE, redeemed.session, sessionCookieOptions(o.publicUrl));
    res.redirect(303, afterExchange(req, base, next));
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    // same-origin (not no-referrer): a form POST then carries our Origin, which the CSRF check needs.
    res.set('Referrer-Policy', 'same-origin');
    res.locals.locale = fromAcceptLanguage(req.get('accept-language')) ?? 'en';
    const t = consoleT(res.locals.locale);
    const cookie = cookieValue(req, SESSION_COOKIE);
    const current = readSession(o.secret, cookie);

    if (!SAFE_METHODS.has(req.method)) {
      const crossSite = crossSiteRefusal(req, origins);
      if (crossSite) return void forbid(res, crossSite);
      const token = formOf(req)[CSRF_FIELD] ?? req.get('x-csrf-token');
      if (current && !csrfTokenMatches(o.secret, cookie!, token)) return void forbid(res, t('form.expired'));
      // The switch confirmed on the page below.
      if (req.method === 'POST' && pathOf(req) === SWITCH_PATH)
        return void (await startSession(req, res, formOf(req).token, current));
    }

    if (req.query.token !== undefined) {
      let link: ConsoleClaims;
      try {
        link = readConsoleLink(o.secret, req.query.token).claims;
      } catch (error) {
        return void refuse(res, error instanceof Error ? error.message : 'This console link is not valid.');
      }
      // Signed in to another workspace: say so, and switch only when asked (the link stays unused till then).
      const signedIn =
        current && current.workspaceId !== link.workspaceId ? await consoleActor(o.db, current) : null;
      if (signedIn) {
        const target = await consoleActor(o.db, link);
        if (!target) return void refuse(res, t('expired.link_uninstalled'));
        res
          .status(200)
          .type('html')
          .send(
            switchWorkspacePage(
              base,
              {
                from: signedIn.workspace.name ?? signedIn.workspace.intercom_workspace_id,
                to: target.workspace.name ?? target.workspace.intercom_workspace_id,
                token: String(req.query.token),
                next: typeof req.query.next === 'string' ? req.query.next : '',
                csrfToken: csrfToken(o.secret, cookie!),
              },
              link.locale ? parseLocale(link.locale) : res.locals.locale,
            ),
          );
        return;
      }
      return void (await startSession(req, res, req.query.token, current));
    }

    if (!current) return void refuse(res, t('expired.no_session'));
    const actor = await consoleActor(o.db, current);
    if (!actor) return void refuse(res, t('expired.uninstalled'));
    // The teammate's own choice, else the canvas's language (the link's), else the browser's.
    if (actor.chosenLocale) res.locals.locale = parseLocale(actor.chosenLocale);
    else if (current.locale) res.locals.locale = parseLocale(current.locale);
    res.locals.actor = actor;
    res.locals.csrfToken = csrfToken(o.secret, cookie!);
    next();
  };
}

function formOf(req: Request): Record<string, unknown> {
  return req.body !== null && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}
