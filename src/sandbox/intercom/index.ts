// The Intercom emulator: an express app answering what Ferry reads and writes, held to the official 2.16
// description (every request and every response validated, errata applied), with Intercom's rate limit,
// its 409 on duplicate contacts, attachment fetching, and faults on demand. Tests and `npm start`'s
// sandbox use it; production never mounts it.
import { articleListRoutes } from './routes-article-list.js';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import {
  authenticate,
  errorList,
  injectFaults,
  rateLimit,
  recordAnswers,
  validateAgainstDescription,
  type FaultShares,
  type Guards,
  type QueuedFault,
  type RateLimitOptions,
} from './guards.js';
import { listenOnLoopback } from '../listen.js';
import { defaultClassOf, latencyControl, type LatencyProfile } from '../latency.js';
import { conversationAttributeRoutes } from './routes-conversation-attributes.js';
import { conversationRoutes } from './routes-conversations.js';
import { deleteRoutes } from './routes-delete.js';
import { newOAuthCode, oauthRoutes, peopleRoutes } from './routes-people.js';
import { helpCenterRoutes, ticketRoutes } from './routes-tickets.js';
import { redirectRoutes } from './routes-redirects.js';
import { createState, type EmulatorState } from './state.js';

export type { EmulatorState, FaultShares, QueuedFault, RateLimitOptions };

export interface IntercomEmulatorOptions {
  accessToken?: string;
  workspaceId?: string;
  region?: 'us' | 'eu' | 'au';
  clientId?: string;
  clientSecret?: string;
  /** Calls per window (default: 10,000 a minute spread over 10-second windows, DESIGN.md). */
  rateLimit?: RateLimitOptions;
  faults?: FaultShares;
  /** How long an injected timeout holds the connection before dropping it. */
  hangMs?: number;
  attachmentTimeoutMs?: number;
  /** Fetch attachment URLs this long after answering the write (default 0: before answering). */
  attachmentFetchDelayMs?: number;
  /** Objects show in search this long after they are created (Intercom's index lags; default 0). */
  searchLagMs?: number;
  random?: () => number;
  /** Answer latency per endpoint class; a write carrying attachment_urls is of the attachment class
   *  (Intercom fetches the files before it answers). */
  latency?: LatencyProfile;
}

export interface IntercomEmulator {
  app: Express;
  state: EmulatorState;
  /** Queues a fault for the next matching request(s). */
  failNext(fault: Omit<QueuedFault, 'times'> & { times?: number }): void;
  /** Queued faults no request has met yet. */
  pendingFaults(): number;
  setFaults(shares: FaultShares): void;
  setLatency(profile: LatencyProfile): void;
  /** An authorization code the token exchange turns into a fresh access token. */
  issueOAuthCode(): string;
  revokeToken(token: string): void;
  stats(): { requests: number; byStatus: Record<number, number> };
}

// Writes where 2.16 offers skip_notifications (DESIGN.md: ticket create/update/reply, admin conversation replies).
const SILENCEABLE: Array<{
  method: string;
  path: RegExp;
  when?: (body: Record<string, unknown>) => boolean;
}> = [
  { method: 'POST', path: /^\/tickets\/?$/ },
  { method: 'PUT', path: /^\/tickets\/[^/]+\/?$/ },
  { method: 'POST', path: /^\/tickets\/[^/]+\/reply\/?$/ },
  { method: 'POST', path: /^\/conversations\/[^/]+\/reply\/?$/, when: (b) => b.type === 'admin' },
];

export function createIntercomEmulator(opts: IntercomEmulatorOptions = {}): IntercomEmulator {
  const state = createState({
    accessToken: opts.accessToken ?? 'emulator-token',
    workspaceId: opts.workspaceId ?? 'emu12345',
    region: opts.region ?? 'us',
  });
  state.attachmentFetchDelayMs = opts.attachmentFetchDelayMs ?? 0;
  state.searchLagMs = opts.searchLagMs ?? 0;
  const guards: Guards = { windowCounts: new Map(), faults: [] };
  let shares: FaultShares = opts.faults ?? {};
  const random = opts.random ?? Math.random;
  const hangMs = opts.hangMs ?? 5_000;
  const fetchTimeoutMs = opts.attachmentTimeoutMs ?? 5_000;

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '50mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(oauthRoutes(state, opts.clientId ?? 'emulator-client', opts.clientSecret ?? 'emulator-secret'));
  app.use(authenticate(state));
  const latency = latencyControl(opts.latency, { classOf: intercomClassOf, random });
  app.use(latency.middleware);
  app.use(recordAnswers(state));
  app.use(rateLimit(opts.rateLimit ?? { limit: 1666, windowMs: 10_000 }, guards));
  app.use(validateAgainstDescription(state, () => false));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rule = SILENCEABLE.find(
      (s) => s.method === req.method && s.path.test(req.path) && (!s.when || s.when(body)),
    );
    if (rule && body.skip_notifications !== true)
      state.unsilencedWrites.push({ method: req.method, path: req.path });
    next();
  });
  app.use((req, res, next) => injectFaults(guards, shares, hangMs, random)(req, res, next));
  app.use(peopleRoutes(state));
  app.use(conversationAttributeRoutes(state));
  app.use(conversationRoutes(state, fetchTimeoutMs));
  app.use(ticketRoutes(state, fetchTimeoutMs));
  app.use(articleListRoutes(state));
  app.use(helpCenterRoutes(state));
  app.use(redirectRoutes(state));
  app.use(deleteRoutes(state));
  app.use(
    (_req: Request, res: Response) => void res.status(404).json(errorList('not_found', 'Resource Not Found')),
  );
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    void _next;
    res.status(500).json(errorList('server_error', err instanceof Error ? err.message : 'Server Error'));
  });

  return {
    app,
    state,
    failNext: (f) => void guards.faults.push({ ...f, times: f.times ?? 1 }),
    pendingFaults: () => guards.faults.reduce((n, f) => n + f.times, 0),
    setFaults: (s) => void (shares = s),
    setLatency: latency.setLatency,
    issueOAuthCode: () => newOAuthCode(state),
    revokeToken: (t) => void state.tokens.delete(t),
    stats() {
      const byStatus: Record<number, number> = {};
      for (const r of state.requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      return { requests: state.requests.length, byStatus };
    },
  };
}

/** Intercom's classes: a write naming attachment_urls waits as an attachment fetch (Intercom fetches the
 *  files before it answers). */
export function intercomClassOf(
  req: Pick<Request, 'method' | 'path' | 'body'>,
): ReturnType<typeof defaultClassOf> {
  const urls = (req.body as { attachment_urls?: unknown } | undefined)?.attachment_urls;
  return Array.isArray(urls) && urls.length > 0 ? 'attachment' : defaultClassOf(req);
}

export interface RunningIntercomEmulator extends IntercomEmulator {
  url: string;
  accessToken: string;
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 and a free port. */
export async function startIntercomEmulator(
  opts: IntercomEmulatorOptions = {},
): Promise<RunningIntercomEmulator> {
  const emulator = createIntercomEmulator(opts);
  return {
    ...emulator,
    ...(await listenOnLoopback(emulator.app)),
    accessToken: opts.accessToken ?? 'emulator-token',
  };
}

export {
  expectNoViolations,
  conversationWithParts,
  ticketWithParts,
  contactsByEmail,
  tamper,
} from './inspect.js';
