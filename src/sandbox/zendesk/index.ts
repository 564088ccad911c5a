// The Zendesk emulator: an express app serving a SampleAccount in Zendesk's shapes, with its pagination,
// authentication, rate limits (700/min account-wide by default — the Enterprise plan — and 10/min on the
// incremental exports), deleted tickets and injectable faults. QUIRKS.md lists each behaviour and its source.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { SampleAccount } from '../sample-account/index.js';
import { listenOnLoopback } from '../listen.js';
import { latencyControl, sourceClassOf, type LatencyProfile } from '../latency.js';
import { zendeskData } from './data.js';
import {
  authenticate,
  countCalls,
  injectFaults,
  rateLimit,
  type EmulatorStats,
  type ZendeskCredentials,
  type ZendeskFaults,
} from './guards.js';
import { ApiError } from './paging.js';
import { exportRoutes } from './routes-export.js';
import { attachmentRoute, helpCenterRoutes } from './routes-help-center.js';
import { supportRoutes } from './routes-support.js';
import { zendeskWebhooks, type ZendeskWebhooks } from './routes-webhooks.js';

export type { AccountChange, ZendeskWebhooks } from './routes-webhooks.js';
export type { ZendeskCredentials, ZendeskFaults, EmulatorStats, ScriptedFault } from './guards.js';

export interface ZendeskEmulatorOptions {
  account: SampleAccount;
  credentials: ZendeskCredentials;
  /** Account-wide requests per window (Zendesk Enterprise: 700 a minute). */
  rateLimitPerMinute?: number;
  /** Incremental-export requests per window (Zendesk: 10 a minute). */
  exportLimitPerMinute?: number;
  /** The rate-limit window, 60 s as in Zendesk; tests shorten it. */
  rateWindowMs?: number;
  /** Items per page of the ticket-events export (Zendesk: 1000). */
  eventsPageSize?: number;
  faults?: ZendeskFaults;
  /** Records offset pagination may reach (Zendesk: 10,000); tests lower it. */
  offsetLimit?: number;
  /** Answer every request as Zendesk does for a subdomain with no account behind it. */
  accountMissing?: boolean;
  /** Answer latency per endpoint class (attachment: the file downloads). */
  latency?: LatencyProfile;
}

export interface ZendeskEmulator {
  app: express.Express;
  stats: EmulatorStats;
  setLatency(profile: LatencyProfile): void;
  /** Webhooks and triggers, and the signed deliveries a change sends (live catch-up). */
  webhooks: ZendeskWebhooks;
  /** Serves the account again after a test changed it (deleted tickets, new users). */
  reindex(): void;
}

export function createZendeskEmulator(o: ZendeskEmulatorOptions): ZendeskEmulator {
  const stats: EmulatorStats = { calls: 0, rateLimited: 0, byPath: {} };
  const app = express();
  let origin = 'http://127.0.0.1';
  const getOrigin = (): string => origin;
  const webhooks = zendeskWebhooks();
  // The account's routes, rebuilt by reindex() (they cache what is deleted and how many users there are).
  const accountRoutes = (): express.Router => {
    const data = zendeskData(o.account, getOrigin, o.faults ?? {});
    const r = express.Router();
    r.use(supportRoutes(data, getOrigin, o.credentials.email));
    r.use(exportRoutes(data, getOrigin, { eventsPageSize: o.eventsPageSize ?? 1000 }));
    return r;
  };
  let routes = accountRoutes();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.set('offsetLimit', o.offsetLimit ?? 10_000);
  app.use((req, _res, next) => {
    origin = `${req.protocol}://${req.get('host')}`;
    next();
  });
  app.use(countCalls(stats));
  const latency = latencyControl(o.latency, { classOf: sourceClassOf });
  app.use(latency.middleware);
  if (o.accountMissing) {
    app.use((req, res) => {
      res.status(404).json({
        error: {
          title: `No help desk at ${req.hostname}`,
          message: 'There is no help desk configured at this address.',
        },
      });
    });
  }
  app.use(injectFaults(o.faults ?? {}));
  app.use(attachmentRoute(o.account));
  app.use(authenticate(o.credentials));
  app.use(
    rateLimit({
      perWindow: o.rateLimitPerMinute ?? 700,
      exportPerWindow: o.exportLimitPerMinute ?? 10,
      windowMs: o.rateWindowMs ?? 60_000,
      stats,
    }),
  );
  app.use(webhooks.router);
  app.use((req, res, next) => routes(req, res, next));
  app.use(helpCenterRoutes(o.account, getOrigin));
  app.use((_req, res) => {
    res.status(404).json({ error: 'InvalidEndpoint', description: 'Not found' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) {
      res.status(err.status).json(err.body);
      return;
    }
    res
      .status(500)
      .json({ error: 'InternalError', description: err instanceof Error ? err.message : String(err) });
  });
  return {
    app,
    stats,
    setLatency: latency.setLatency,
    webhooks,
    reindex: () => {
      routes = accountRoutes();
    },
  };
}

export interface RunningZendeskEmulator {
  url: string;
  stats: EmulatorStats;
  setLatency(profile: LatencyProfile): void;
  webhooks: ZendeskWebhooks;
  reindex(): void;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 and a free port. */
export async function startZendeskEmulator(o: ZendeskEmulatorOptions): Promise<RunningZendeskEmulator> {
  const { app, stats, setLatency, webhooks, reindex } = createZendeskEmulator(o);
  return { ...(await listenOnLoopback(app)), stats, setLatency, webhooks, reindex };
}
