// The emulators of the engine bench, in their own process so the bench measures the engine's memory alone:
// the source (Zendesk 700 calls/min and 10 export calls/min, or Freshdesk 700/min) and Intercom (1,000 calls
// per 10 s). Started by bench/engine.ts over IPC: it answers "ready" with the URLs, then "stats" on request.
// BENCH_INTERCOM_LATENCY_MS gives Intercom's answers that latency ± 50 % (every endpoint class).
// BENCH_RATE_FACTOR (default 1) multiplies every limit, the scale bench's rate limits "compressed in time"
// so that the engine, not a limit, binds; "targets" answers where each source ticket went (its checks).
import express from 'express';
import { createSampleAccount } from '../src/sandbox/sample-account/index.js';
import { createIntercomEmulator } from '../src/sandbox/intercom/index.js';
import { uniformLatency } from '../src/sandbox/latency.js';
import { listenOnLoopback } from '../src/sandbox/listen.js';
import { startZendeskEmulator } from '../src/sandbox/zendesk/index.js';
import { startFreshdeskEmulator } from '../src/sandbox/freshdesk/emulator.js';

export const ZENDESK = { email: 'admin@sample-support.test', token: 'bench-token' };
export const FRESHDESK_KEY = 'bench-key';

export interface EmulatorStats {
  intercomCalls: number;
  intercom429: number;
  /** Answered Intercom calls by method and path shape (ids replaced by ":id"). */
  intercomByKind: Record<string, number>;
  intercomTickets: number;
  intercomParts: number;
  sourceCalls: number;
  /** What the source's rate limit counts: calls (Zendesk) or credits (Freshdesk). */
  sourceLimited: number;
  sourceExportCalls: number;
  /** Source API calls by path shape. */
  sourceByKind: Record<string, number>;
  /** Intercom calls open at once, sampled every 100 ms while at least one was: count → samples. */
  intercomInFlight: Record<number, number>;
  /** Intercom calls answered (not 429) by Unix second. */
  intercomBySecond: Record<number, number>;
}

const source = process.env.BENCH_SOURCE === 'freshdesk' ? 'freshdesk' : 'zendesk';
const tickets = Number(process.env.BENCH_TICKETS ?? 1000);
const account = createSampleAccount({ seed: 'bench', tickets });
const latencyMs = Number(process.env.BENCH_INTERCOM_LATENCY_MS ?? 0);
const factor = Number(process.env.BENCH_RATE_FACTOR ?? 1);
const emulator = createIntercomEmulator({
  rateLimit: { limit: 1000 * factor, windowMs: 10_000 },
  latency: latencyMs > 0 ? uniformLatency(latencyMs, latencyMs / 2) : {},
});
// Counts the calls Intercom holds open (latency included) in front of the emulator.
let open = 0;
const inFlight: Record<number, number> = {};
const outer = express();
const bySecond: Record<number, number> = {};
outer.use((_req, res, next) => {
  open += 1;
  res.once('close', () => {
    open -= 1;
    const second = Math.floor(Date.now() / 1000);
    if (res.statusCode !== 429) bySecond[second] = (bySecond[second] ?? 0) + 1;
  });
  next();
});
outer.use(emulator.app);
const intercom = { ...emulator, ...(await listenOnLoopback(outer)), accessToken: 'emulator-token' };
setInterval(() => open > 0 && (inFlight[open] = (inFlight[open] ?? 0) + 1), 100).unref();
/** `limited`: what the source's limit counts (Zendesk: calls; Freshdesk: credits, an include costs more). */
let sourceStats: () => { calls: number; limited: number; exports: number; byKind: Record<string, number> };
let sourceUrl: string;
if (source === 'zendesk') {
  const z = await startZendeskEmulator({
    account,
    credentials: ZENDESK,
    rateLimitPerMinute: 700 * factor,
    exportLimitPerMinute: 10 * factor,
  });
  sourceUrl = z.url;
  sourceStats = () => ({
    calls: z.stats.calls,
    limited: z.stats.calls,
    byKind: { ...z.stats.byPath },
    exports: Object.entries(z.stats.byPath)
      .filter(([k]) => k.includes('/incremental/'))
      .reduce((n, [, v]) => n + v, 0),
  });
} else {
  const f = await startFreshdeskEmulator({
    account,
    apiKey: FRESHDESK_KEY,
    rateLimitPerMinute: 700 * factor,
  });
  sourceUrl = f.url;
  sourceStats = () => ({
    calls: f.stats.calls,
    limited: f.stats.credits,
    exports: 0,
    byKind: { ...f.stats.byRoute },
  });
}

function byKind(requests: ReadonlyArray<{ method: string; path: string }>): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const r of requests) {
    const kind = `${r.method} ${r.path.replace(/\/[0-9a-f-]*\d[0-9a-f-]*(?=\/|$)/g, '/:id')}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

function stats(): EmulatorStats {
  const requests = intercom.state.requests;
  const s = sourceStats();
  return {
    intercomCalls: requests.filter((r) => r.status !== 429).length,
    intercom429: requests.filter((r) => r.status === 429).length,
    intercomByKind: byKind(requests.filter((r) => r.status !== 429)),
    intercomTickets: intercom.state.tickets.size,
    intercomParts: [...intercom.state.tickets.values()].reduce((n, t) => n + t.parts.length, 0),
    sourceCalls: s.calls,
    sourceLimited: s.limited,
    sourceExportCalls: s.exports,
    sourceByKind: s.byKind,
    intercomInFlight: { ...inFlight },
    intercomBySecond: { ...bySecond },
  };
}

/** One Intercom ticket: the source ticket it names (ferry_source_id) and its comment parts (notes, replies). */
export interface TargetTicket {
  id: string;
  sourceRef: string;
  commentParts: number;
  /** Comment parts equal to an earlier one of the same ticket (created_at, author, type and body). */
  doubledParts: number;
}

function doubledParts(
  parts: ReadonlyArray<{ created_at?: unknown; author?: unknown; part_type: string; body?: unknown }>,
) {
  const keys = parts.map((p) => JSON.stringify([p.created_at, p.author, p.part_type, p.body]));
  return keys.length - new Set(keys).size;
}

function targets(): TargetTicket[] {
  return [...intercom.state.tickets].map(([id, t]) => {
    const comments = t.parts.filter((p) => p.part_type === 'comment' || p.part_type === 'note');
    return {
      id,
      sourceRef: String((t.ticket_attributes as Record<string, unknown> | undefined)?.ferry_source_id ?? ''),
      commentParts: comments.length,
      doubledParts: doubledParts(comments),
    };
  });
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'stats') process.send!({ type: 'stats', data: stats() });
  if (m.type === 'targets') process.send!({ type: 'targets', data: targets() });
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', sourceUrl, intercomUrl: intercom.url, intercomToken: intercom.accessToken });
