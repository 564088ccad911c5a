// The emulator's middleware: call statistics, a missing account, injectable faults, authentication and the
// rate limits (account-wide and the incremental exports' own), with Zendesk's headers (QUIRKS.md).
import type { NextFunction, Request, Response } from 'express';

export interface ZendeskCredentials {
  /** The API token's owner (must be one of the account's agents) and the token. */
  email: string;
  token: string;
  /** An OAuth access token accepted as Bearer, belonging to the same user. */
  accessToken?: string;
}

export interface ScriptedFault {
  /** Requests whose path starts with this (or matches it) fail. */
  match: string | RegExp;
  status: number;
  headers?: Record<string, string>;
  /** The error body (default {"error":"Injected fault"}). */
  body?: Record<string, unknown>;
  /** How many matching requests fail before the path works again. */
  times: number;
}

export interface ZendeskFaults {
  /** Fraction of API requests answered 503 at random. */
  rate503?: number;
  /** Deterministic failures, consumed in order. */
  script?: ScriptedFault[];
  /** Tickets (by id) rendered with fields no parser accepts, wherever they appear. */
  corruptTicketIds?: string[];
  /** Tickets (by id) whose events the ticket-events export renders with no readable timestamp. */
  unreadableEventTicketIds?: string[];
  /** Attachments (by id) listed without `file_name`. */
  namelessAttachmentIds?: string[];
  /** Tickets (by id) whose comments come with `html_body` and `plain_body` empty, the text in `body` only. */
  bodyOnlyTicketIds?: string[];
}

export interface EmulatorStats {
  calls: number;
  /** Calls the rate limits refused (answered 429). */
  rateLimited: number;
  byPath: Record<string, number>;
}

export function countCalls(stats: EmulatorStats) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    stats.calls++;
    const key = req.path.replace(/\/\d+(?=\/|\.json|$)/g, '/{id}').replace(/\.json$/, '');
    stats.byPath[key] = (stats.byPath[key] ?? 0) + 1;
    next();
  };
}

export function injectFaults(faults: ZendeskFaults, random: () => number = Math.random) {
  return (req: Request, res: Response, next: NextFunction): void => {
    for (const f of faults.script ?? []) {
      const hit = typeof f.match === 'string' ? req.path.startsWith(f.match) : f.match.test(req.path);
      if (hit && f.times > 0) {
        f.times--;
        res
          .status(f.status)
          .set(f.headers ?? {})
          .json(f.body ?? { error: 'Injected fault' });
        return;
      }
    }
    if (faults.rate503 && req.path.startsWith('/api/') && random() < faults.rate503) {
      res.status(503).set('Retry-After', '1').json({ error: 'Service Unavailable' });
      return;
    }
    next();
  };
}

/** Basic `{email}/token:{token}` or Bearer; 401 with Zendesk's body otherwise. */
export function authenticate(credentials: ZendeskCredentials) {
  const basic = `Basic ${Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64')}`;
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization');
    const ok =
      header === basic ||
      (credentials.accessToken !== undefined && header === `Bearer ${credentials.accessToken}`);
    if (!ok) {
      res.status(401).json({ error: "Couldn't authenticate you" });
      return;
    }
    next();
  };
}

interface Window {
  start: number;
  count: number;
}

/**
 * A fixed window per limit. Zendesk reports the account limit in X-Rate-Limit / X-Rate-Limit-Remaining and
 * (on Ticketing APIs) ratelimit-limit / ratelimit-remaining / ratelimit-reset, the seconds to the window's
 * end (rounded up here: the docs do not say which way); over the limit: 429 with Retry-After in seconds.
 * developer.zendesk.com/api-reference/introduction/rate-limits; …/best-practices-for-avoiding-rate-limiting
 */
export function rateLimit(o: {
  perWindow: number;
  exportPerWindow: number;
  windowMs: number;
  stats: EmulatorStats;
  now?: () => number;
}) {
  const now = o.now ?? Date.now;
  const account: Window = { start: now(), count: 0 };
  const exports: Window = { start: now(), count: 0 };
  const tick = (w: Window, limit: number): { ok: boolean; remaining: number; resetSec: number } => {
    const t = now();
    if (t - w.start >= o.windowMs) {
      w.start = t;
      w.count = 0;
    }
    const resetSec = Math.max(1, Math.ceil((w.start + o.windowMs - t) / 1000));
    if (w.count >= limit) return { ok: false, remaining: 0, resetSec };
    w.count++;
    return { ok: true, remaining: limit - w.count, resetSec };
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const a = tick(account, o.perWindow);
    res.set({
      'X-Rate-Limit': String(o.perWindow),
      'X-Rate-Limit-Remaining': String(a.remaining),
      'ratelimit-limit': String(o.perWindow),
      'ratelimit-remaining': String(a.remaining),
      'ratelimit-reset': String(a.resetSec),
    });
    const refuse = (resetSec: number): void => {
      o.stats.rateLimited++;
      res.status(429).set('Retry-After', String(resetSec)).json({ error: 'APIRateLimitExceeded' });
    };
    if (!a.ok) return refuse(a.resetSec);
    if (req.path.startsWith('/api/v2/incremental/')) {
      const e = tick(exports, o.exportPerWindow);
      if (!e.ok) return refuse(e.resetSec);
    }
    next();
  };
}
