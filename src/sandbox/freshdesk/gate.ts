// What every API request meets before its route: injected faults, the per-minute rate limit with
// Freshdesk's headers, and API-key Basic auth. QUIRKS.md lists where each behaviour comes from.
import type { NextFunction, Request, Response } from 'express';

export interface FreshdeskFaults {
  /** Share of API requests answered 503 (deterministic: the same request numbers fail every run). */
  share503?: number;
  /** The first N API requests are answered 503. */
  first503?: number;
  /** Share of attachment file reads answered 503 (deterministic, counted apart from API requests). */
  attachmentShare503?: number;
}

export interface EmulatorStats {
  /** API requests received (attachments and refused ones included). */
  calls: number;
  /** API credits charged (what the rate limit counts: creditsOf). */
  credits: number;
  rateLimited: number;
  faults: number;
  byRoute: Record<string, number>;
}

export interface GateOptions {
  apiKey: string;
  /** Keys of non-admin agents (GET /agents/me answers with an Agent role for them). */
  agentApiKeys: string[];
  rateLimitPerMinute: number;
  /** Length of the rate-limit window (60 s on Freshdesk; tests shorten it). */
  rateLimitWindowMs: number;
  faults: FreshdeskFaults;
  stats: EmulatorStats;
}

/** Knuth multiplicative hash → [0, 1): which request numbers fail. */
export const failsAt = (n: number, share: number): boolean =>
  (Math.imul(n, 2654435761) >>> 0) / 2 ** 32 < share;

export function sendError(res: Response, status: number, body: Record<string, unknown>): void {
  res.status(status).json(body);
}

/**
 * The credits a request costs. Freshdesk charges 1 a call plus, for each `include`, 2 on the ticket list
 * (its TicketsController: increment_api_credit_by(2) per include) and 1 on a ticket's view, live or archived
 * (the view's sideload, Archive::TicketsController: increment_api_credit_by(1); the API reference: "including
 * conversations will consume two API calls"). QUIRKS.md, "Rate limit".
 */
export function creditsOf(req: Pick<Request, 'path' | 'query' | 'method'>): number {
  const include = String(req.query.include ?? '')
    .split(',')
    .filter((x) => x !== '').length;
  if (req.method !== 'GET' || include === 0) return 1;
  if (/^\/tickets\/?$/.test(req.path)) return 1 + 2 * include;
  if (/^\/tickets\/(archived\/)?\d+\/?$/.test(req.path)) return 1 + include;
  return 1;
}

export function createGate(o: GateOptions) {
  let windowStart = Date.now();
  let used = 0;
  let requestNo = 0;

  return function gate(req: Request, res: Response, next: NextFunction): void {
    o.stats.calls++;
    requestNo++;
    if ((o.faults.first503 ?? 0) >= requestNo || failsAt(requestNo, o.faults.share503 ?? 0)) {
      o.stats.faults++;
      res.status(503).type('text/html').send('<html><body>Service Unavailable</body></html>');
      return;
    }
    const now = Date.now();
    if (now - windowStart >= o.rateLimitWindowMs) {
      windowStart = now;
      used = 0;
    }
    // Every call counts, failed ones too (support article 225439); includes cost extra credits.
    const credits = creditsOf(req);
    used += credits;
    o.stats.credits += credits;
    res.set('X-RateLimit-Total', String(o.rateLimitPerMinute));
    res.set('X-RateLimit-Remaining', String(Math.max(0, o.rateLimitPerMinute - used)));
    res.set('X-RateLimit-Used-CurrentRequest', String(credits));
    if (used > o.rateLimitPerMinute) {
      o.stats.rateLimited++;
      res.set(
        'Retry-After',
        String(Math.max(1, Math.ceil((windowStart + o.rateLimitWindowMs - now) / 1000))),
      );
      sendError(res, 429, { message: 'You have exceeded the limit of requests per minute' });
      return;
    }
    const key = apiKeyOf(req.get('authorization'));
    if (key === null || (key !== o.apiKey && !o.agentApiKeys.includes(key))) {
      sendError(res, 401, {
        code: 'invalid_credentials',
        message: 'You have to be logged in to perform this action.',
      });
      return;
    }
    res.locals.admin = key === o.apiKey;
    next();
  };
}

/** `Basic base64(key:X)` → key (Freshdesk ignores the password; "X" by convention). */
function apiKeyOf(header: string | undefined): string | null {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? decoded : decoded.slice(0, i);
}
