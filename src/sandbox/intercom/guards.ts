// The emulator's gatekeepers, in the order Intercom applies them: authentication, the rate limit (fixed
// windows with real X-RateLimit-* headers and 429 body), description validation of the request, injected
// faults. Responses are validated too (res.json is wrapped); anything the description rejects lands in
// state.violations.
import type { NextFunction, Request, Response } from 'express';
import { specValidator } from '../openapi/index.js';
import type { EmulatorState } from './state.js';

export function errorList(code: string, message: string) {
  return { type: 'error.list', request_id: null, errors: [{ code, message }] };
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

export interface FaultShares {
  rateLimited?: number;
  serverError?: number;
  timeout?: number;
  appliedThenServerError?: number;
  appliedThenTimeout?: number;
}

export type FaultKind =
  'rate_limited' | 'server_error' | 'timeout' | 'applied_then_server_error' | 'applied_then_timeout';

export interface QueuedFault {
  kind: FaultKind | { status: number; body?: unknown };
  method?: string;
  /** Matches the request path (a RegExp or the exact path). */
  path?: RegExp | string;
  /** Matches one operation of the 2.16 description, "METHOD template" ("GET /conversations/{conversation_id}"):
   *  a fault for that endpoint only, not for its literal siblings (/conversations/search). */
  operation?: string;
  times: number;
}

export interface Guards {
  windowCounts: Map<number, number>;
  faults: QueuedFault[];
}

// Intercom-Version values 2.16 documents; requests name it in a header (components/schemas/intercom_version).
export function authenticate(state: EmulatorState) {
  return (req: Request, res: Response, next: NextFunction) => {
    const m = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    if (!m || !state.tokens.has(m[1]!)) {
      res.status(401).json(errorList('unauthorized', 'Access Token Invalid'));
      return;
    }
    next();
  };
}

export function rateLimit(opts: RateLimitOptions, guards: Guards) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const t = Date.now();
    const window = Math.floor(t / opts.windowMs);
    const used = (guards.windowCounts.get(window) ?? 0) + 1;
    guards.windowCounts.set(window, used);
    if (guards.windowCounts.size > 4) guards.windowCounts.delete(Math.min(...guards.windowCounts.keys()));
    res.set('X-RateLimit-Limit', String(opts.limit));
    res.set('X-RateLimit-Remaining', String(Math.max(0, opts.limit - used)));
    res.set('X-RateLimit-Reset', String(Math.ceil(((window + 1) * opts.windowMs) / 1000)));
    if (used > opts.limit) {
      // developers.intercom.com … /rest-api/errors/rate-limiting: "Exceeded rate limit of 167 in 10_seconds"
      const seconds = Math.round(opts.windowMs / 1000);
      res
        .status(429)
        .json(errorList('rate_limit_exceeded', `Exceeded rate limit of ${opts.limit} in ${seconds}_seconds`));
      return;
    }
    next();
  };
}

/** Records each answer in state.requests (tests and benches count them by status): placed before the rate
 *  limit, so its 429s count too. */
export function recordAnswers(state: EmulatorState) {
  return (req: Request, res: Response, next: NextFunction) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      state.requests.push({ method: req.method, path: req.path, status: res.statusCode });
      return json(body);
    };
    next();
  };
}

/** Validates the request against 2.16; a violation is recorded and answered 400 (as a strict Intercom would). */
export function validateAgainstDescription(state: EmulatorState, exempt: (path: string) => boolean) {
  const v = specValidator('2.16');
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    wrapResponseValidation(state, req, res, exempt(path));
    if (exempt(path)) return next();
    const result = v.validateRequest(req.method, path, {
      query: req.query as Record<string, unknown>,
      body: req.body,
      headers: { 'intercom-version': req.get('intercom-version') },
    });
    if (!result.ok) {
      state.violations.push({ kind: 'request', method: req.method, path, errors: result.errors });
      // As the description answers where it documents the refusal (GET /data_attributes?model=conversation
      // → 422), else 400 parameter_invalid, as a strict Intercom would.
      if (result.refusal?.body) res.status(result.refusal.status).json(result.refusal.body);
      else res.status(400).json(errorList('parameter_invalid', result.errors.join('; ')));
      return;
    }
    next();
  };
}

function wrapResponseValidation(state: EmulatorState, req: Request, res: Response, exempt: boolean): void {
  const v = specValidator('2.16');
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const status = res.statusCode;
    if (!exempt) {
      let result = v.validateResponse(req.method, req.path, status, body);
      // Errors the description does not list for this operation (409, 429, 5xx) still use its error shape.
      if (!result.ok && status >= 400 && result.errors[0]?.startsWith('status '))
        result = v.validateSchema('error', body);
      if (!result.ok)
        state.violations.push({
          kind: 'response',
          method: req.method,
          path: req.path,
          status,
          errors: result.errors,
        });
    }
    return json(body);
  };
}

function matches(f: QueuedFault, req: Request): boolean {
  if (f.method && f.method.toUpperCase() !== req.method) return false;
  if (f.operation !== undefined) {
    const template = specValidator('2.16').matchRoute(req.method, req.path)?.template;
    if (f.operation !== `${req.method} ${template}`) return false;
  }
  if (f.path instanceof RegExp) return f.path.test(req.path);
  return f.path === undefined || f.path === req.path;
}

function pick(shares: FaultShares, random: () => number): FaultKind | undefined {
  const table: Array<[FaultKind, number | undefined]> = [
    ['rate_limited', shares.rateLimited],
    ['server_error', shares.serverError],
    ['timeout', shares.timeout],
    ['applied_then_server_error', shares.appliedThenServerError],
    ['applied_then_timeout', shares.appliedThenTimeout],
  ];
  let r = random();
  for (const [kind, share] of table) {
    if (!share) continue;
    if (r < share) return kind;
    r -= share;
  }
  return undefined;
}

/** Injects the queued faults first, then the configured shares. */
export function injectFaults(guards: Guards, shares: FaultShares, hangMs: number, random: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const queued = guards.faults.find((f) => f.times > 0 && matches(f, req));
    if (queued) queued.times--;
    const kind = queued ? queued.kind : pick(shares, random);
    if (kind === undefined) return next();
    if (typeof kind === 'object') {
      res
        .status(kind.status)
        .json(
          kind.body ?? errorList(kind.status === 401 ? 'unauthorized' : 'error', `Injected ${kind.status}`),
        );
      return;
    }
    const hang = () => setTimeout(() => res.socket?.destroy(), hangMs).unref();
    switch (kind) {
      case 'rate_limited':
        res.status(429).json(errorList('rate_limit_exceeded', 'Exceeded rate limit (injected)'));
        return;
      case 'server_error':
        res.status(500).json(errorList('server_error', 'Server Error'));
        return;
      case 'timeout':
        hang();
        return;
      default: {
        // The write is applied; only the answer is lost.
        const json = res.json.bind(res);
        res.json = (body: unknown) => {
          if (kind === 'applied_then_server_error')
            return json.call(res.status(500), errorList('server_error', 'Server Error'));
          void body;
          hang();
          return res;
        };
        next();
      }
    }
  };
}
