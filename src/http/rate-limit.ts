// Per-address rate limits on every public endpoint (express-rate-limit, in memory per process). Each path
// group has its own budget a minute, so a flood of one kind cannot starve another; FERRY_RATE_LIMITS
// overrides any of them (README "Rate limits"). Intercom's servers call canvas, webhooks and attachment
// links for every workspace from a few addresses, so those budgets are generous; an unsigned caller of
// the uninstall URL gets a small one.
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ErrorBody } from './errors.js';
import { RATE_LIMIT_GROUPS, type RateLimitGroup } from '../config.js';

/** Requests a minute from one address (an IPv6 /56 counts as one), per group. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitGroup, number> = {
  uninstall: 10,
  oauth: 30,
  console: 300,
  intercom: 3000,
  files: 6000,
  health: 120,
  other: 600,
};

const PREFIXES: [string, RateLimitGroup][] = [
  ['/intercom/uninstall', 'uninstall'],
  ['/oauth/', 'oauth'],
  ['/console', 'console'],
  ['/canvas/', 'intercom'],
  ['/webhooks/', 'intercom'],
  ['/files/', 'files'],
  ['/healthz', 'health'],
  ['/readyz', 'health'],
];

export function groupOf(path: string): RateLimitGroup {
  return PREFIXES.find(([prefix]) => path === prefix || path.startsWith(prefix))?.[1] ?? 'other';
}

export function rateLimits(overrides: Partial<Record<RateLimitGroup, number>> = {}): RequestHandler {
  const limiters = new Map<RateLimitGroup, RequestHandler>(
    RATE_LIMIT_GROUPS.map((group) => [
      group,
      rateLimit({
        windowMs: 60_000,
        limit: overrides[group] ?? DEFAULT_RATE_LIMITS[group],
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        identifier: group,
        handler: (_req, res) => {
          res.status(429).json({
            error: {
              code: 'rate_limited',
              message: 'Too many requests from this address. Try again in a minute.',
            },
          } satisfies ErrorBody);
        },
      }),
    ]),
  );
  return (req, res, next) => limiters.get(groupOf(req.path))!(req, res, next);
}
