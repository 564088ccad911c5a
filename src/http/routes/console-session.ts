// The console's door: a signed link's ?token= is exchanged for the session cookie (then the address loses
// the token), every other request needs the cookie. Expired, altered or missing → the 401 page.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { consoleActor, type ConsoleActor } from '../../app/console/access.js';
import {
  exchangeLinkToken,
  readSession,
  SESSION_COOKIE,
  sessionCookieOptions,
} from '../../app/console/session.js';
import { parseLocale, type Locale } from '../../../canvas/i18n/index.js';
import { consoleT, fromAcceptLanguage } from '../../console/i18n.js';
import { unauthorizedPage } from '../../console/layout.js';

declare module 'express-serve-static-core' {
  interface Locals {
    actor?: ConsoleActor;
    /** The console's language for this request (src/console/i18n.ts). */
    locale?: Locale;
  }
}

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Where to go after the exchange: the same console path, or `next` when it names a console path. */
function afterExchange(req: Request, base: string): string {
  const next = typeof req.query.next === 'string' ? req.query.next : '';
  const here = new URL(req.originalUrl, 'http://ferry.invalid').pathname;
  const target = /^\/console(\/[\w./-]*)?$/.test(next) && !next.includes('..') ? next : here;
  return `${base}${target}`;
}

export function consoleSession(o: { db: Knex; secret: string; publicUrl: string }): RequestHandler {
  const base = new URL(o.publicUrl).pathname.replace(/\/+$/, '');
  const refuse = (res: Response, message: string) =>
    res
      .status(401)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(unauthorizedPage(base, message, res.locals.locale));
  return async (req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    res.locals.locale = fromAcceptLanguage(req.get('accept-language')) ?? 'en';
    const t = () => consoleT(res.locals.locale ?? 'en');
    res.set('Referrer-Policy', 'no-referrer');
    if (req.query.token !== undefined) {
      let session: string;
      try {
        session = exchangeLinkToken(o.secret, req.query.token).session;
      } catch (error) {
        refuse(res, error instanceof Error ? error.message : 'This console link is not valid.');
        return;
      }
      res.cookie(SESSION_COOKIE, session, sessionCookieOptions(o.publicUrl));
      res.redirect(303, afterExchange(req, base));
      return;
    }
    const claims = readSession(o.secret, cookieValue(req, SESSION_COOKIE));
    if (!claims) {
      refuse(res, t()('expired.no_session'));
      return;
    }
    const actor = await consoleActor(o.db, claims);
    if (!actor) {
      refuse(res, t()('expired.uninstalled'));
      return;
    }
    // The teammate's own choice, else the canvas's language (the link's), else the browser's.
    if (actor.chosenLocale) res.locals.locale = parseLocale(actor.chosenLocale);
    else if (claims.locale) res.locals.locale = parseLocale(claims.locale);
    res.locals.actor = actor;
    next();
  };
}
