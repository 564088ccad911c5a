// The Freshdesk emulator: an express app serving a sample account in Freshdesk's API v2 shapes, with its
// paging, 300-page cap, auth, per-minute rate limit, archived tickets, account export and injectable 503s.
// Tests and the sandbox start it on 127.0.0.1, port 0. QUIRKS.md lists every vendor behaviour reproduced.
import { freshdeskAutomations, type FreshdeskAutomations } from './automations.js';
import { Readable } from 'node:stream';
import express, { type Express } from 'express';
import { deterministicChunk, type SampleAccount } from '../sample-account/index.js';
import { listenOnLoopback } from '../listen.js';
import { latencyControl, sourceClassOf, type LatencyProfile } from '../latency.js';
import { createGate, failsAt, type EmulatorStats, type FreshdeskFaults } from './gate.js';
import { accountRoutes } from './routes-account.js';
import { exportRoutes } from './routes-export.js';
import { activityRoutes } from './routes-activities.js';
import { indexTickets, ticketRoutes } from './routes-tickets.js';
import { searchRoutes } from './routes-search.js';

export interface FreshdeskEmulatorOptions {
  account: SampleAccount;
  apiKey: string;
  /** Keys of agents without admin rights. */
  agentApiKeys?: string[];
  /** Calls a minute: 700 is the Enterprise plan's (support article 225439). */
  rateLimitPerMinute?: number;
  rateLimitWindowMs?: number;
  faults?: FreshdeskFaults;
  /** Whether POST /account/export works (it needs an admin and is not on every account). */
  accountExport?: boolean;
  /** Status polls before an export completes. */
  exportPolls?: number;
  /** Whether the plan has the archive feature (403 require_feature on /tickets/archived otherwise). */
  archiveFeature?: boolean;
  /** GET /tickets page cap: 300 on Freshdesk; tests lower it to reach it with a small account. */
  maxPage?: number;
  /** The ticket activities export: off (403), and the day it is "today" for its 30 days of files. */
  activityExport?: { enabled?: boolean; now?: () => Date };
  /** Answer latency per endpoint class (attachment: the file downloads from the CDN). */
  latency?: LatencyProfile;
}

export interface FreshdeskEmulator {
  app: Express;
  stats: EmulatorStats;
  /** Test hook: reads the account's tickets again after a test changed or added some (delta tests). */
  reindex(): void;
  setLatency(profile: LatencyProfile): void;
  /** Automation rules with webhook actions (live catch-up). */
  automations: FreshdeskAutomations;
}

export function createFreshdeskEmulator(o: FreshdeskEmulatorOptions): FreshdeskEmulator {
  const stats: EmulatorStats = { calls: 0, credits: 0, rateLimited: 0, faults: 0, byRoute: {} };
  const index = indexTickets(o.account);
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  const latency = latencyControl(o.latency, { classOf: sourceClassOf });
  app.use(latency.middleware);

  // Attachment files sit on Freshdesk's CDN behind signed URLs: no API key, no rate limit.
  let fileReads = 0;
  app.get('/attachments/:id/:name', (req, res) => {
    fileReads++;
    if (failsAt(fileReads, o.faults?.attachmentShare503 ?? 0)) {
      stats.faults++;
      return void res.status(503).type('text/html').send('<html><body>Service Unavailable</body></html>');
    }
    const file = o.account.attachmentBytes(req.params.id);
    if (!file) return void res.status(404).end();
    res.type(file.contentType);
    if (typeof file.bytes !== 'number')
      return void res.set('content-length', String(file.bytes.length)).end(file.bytes);
    res.set('content-length', String(file.bytes));
    Readable.from(repeat(deterministicChunk(req.params.id), file.bytes)).pipe(res);
  });

  app.use('/api/v2', (req, _res, next) => {
    const route = req.path.replace(/\/\d+/g, '/:id');
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    next();
  });
  app.use(
    '/api/v2',
    createGate({
      apiKey: o.apiKey,
      agentApiKeys: o.agentApiKeys ?? [],
      rateLimitPerMinute: o.rateLimitPerMinute ?? 700,
      rateLimitWindowMs: o.rateLimitWindowMs ?? 60_000,
      faults: o.faults ?? {},
      stats,
    }),
  );
  app.use(
    ticketRoutes(o.account, index, { maxPage: o.maxPage ?? 300, archiveFeature: o.archiveFeature !== false }),
  );
  app.use(searchRoutes(o.account, index));
  app.use(exportRoutes(index, { enabled: o.accountExport !== false, pollsUntilDone: o.exportPolls ?? 2 }));
  app.use(accountRoutes(o.account));
  app.use(
    activityRoutes(o.account, {
      enabled: o.activityExport?.enabled !== false,
      now: o.activityExport?.now ?? (() => new Date()),
    }),
  );
  // Anything else: the HTML page a host without a help desk answers with.
  app.use((_req, res) => {
    res.status(404).type('text/html').send('<html><body><h1>Page not found</h1></body></html>');
  });
  const reindex = () => void Object.assign(index, indexTickets(o.account, { byUpdate: true }));
  return { app, stats, reindex, setLatency: latency.setLatency, automations: freshdeskAutomations() };
}

function* repeat(chunk: Buffer, total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += chunk.length)
    yield chunk.subarray(0, Math.min(chunk.length, total - sent));
}

export interface RunningFreshdeskEmulator {
  url: string;
  stats: EmulatorStats;
  reindex(): void;
  setLatency(profile: LatencyProfile): void;
  automations: FreshdeskAutomations;
  close(): Promise<void>;
}

export async function startFreshdeskEmulator(o: FreshdeskEmulatorOptions): Promise<RunningFreshdeskEmulator> {
  const { app, stats, reindex, setLatency, automations } = createFreshdeskEmulator(o);
  return { ...(await listenOnLoopback(app)), stats, reindex, setLatency, automations };
}
